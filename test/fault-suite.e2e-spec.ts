/**
 * Slots for the fault suite of issue 8 (part of `npm test`, bounded, loopback only). Each case
 * needs a feature that another branch brings (plugin supervision and restart, the streaming
 * path, the host's run-time limits); they are todos, not passing tests, until those land.
 */
describe('fault suite under load (not available yet)', () => {
  describe('a plugin killed with SIGKILL twice under steady load on two plugins', () => {
    it.todo('keeps the host running, answering only 200 or a fast 503 (no 500, no reset, none slower than the request timeout)');
    it.todo('keeps the other plugin at 100% success');
    it.todo('answers 200 everywhere after recovery, with no leaked process or file descriptor');
  });

  describe('hostile plugins written directly on @grpc/grpc-js', () => {
    it.todo('a plugin that never answers gets a 504 at the deadline');
    it.todo('a plugin answering status 0 or 999 gets a 502');
    it.todo('a plugin answering header names with CR/LF gets a 502');
    it.todo('a plugin answering a 50 MiB header gets a 502 and leaves the host unharmed');
    it.todo('a plugin answering a body far over the limit gets a 502 or 413 and leaves the host unharmed');
    it.todo('a plugin reporting another name at Metadata is refused at start');
    it.todo('a plugin flooding stdout leaves the host log bounded');
    it.todo('a plugin exiting during Initialize is marked failed with the reason');
  });
});
