/** How much of a text a plugin reports (its name, a version range) a message or log line shows. */
const SHOWN_CHARACTERS = 64;

/**
 * `text` as a message shows it: whole when short, else its start and its length, so that a
 * plugin reporting a 100,000-character name cannot fill the host's log with it.
 */
export function clipped(text: string): string {
  if (text.length <= SHOWN_CHARACTERS) return text;
  return `${text.slice(0, SHOWN_CHARACTERS)}… (${text.length} characters)`;
}
