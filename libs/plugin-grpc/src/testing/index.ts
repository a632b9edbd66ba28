export { PluginTestHarness, PluginHandle, createPluginTestingModule, HarnessRequest, HarnessResponse } from './plugin-test-harness';
export { TestServiceRegistry, CapturedLogLine } from './test-service-registry';
export { HarnessSocket, HarnessSocketOptions, SocketClose } from './harness-socket';
