import { BadRequestException } from '@nestjs/common';
import { RE2JS, RE2JSException } from 're2js';

/**
 * The largest compiled pattern a search runs. RE2 runs in time linear in the text, but the
 * factor is the pattern's program size: this keeps one line's worth of work to milliseconds.
 */
export const MAX_PATTERN_PROGRAM = 200;

/**
 * `q` of a `regex=true` search as a linear-time RE2 pattern (re2js): RE2 syntax, as Go's regexp,
 * with JavaScript's `\uXXXX`, `\u{...}` and `(?<name>...)` translated. No backreferences and no
 * lookaround: those need backtracking, which a hostile pattern turns into minutes of work.
 */
export function compileSearchPattern(q: string, ignoreCase: boolean): RE2JS {
  let pattern: RE2JS;
  try {
    pattern = RE2JS.compile(RE2JS.translateRegExp(q), ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (error) {
    if (!(error instanceof RE2JSException)) throw error;
    throw new BadRequestException(
      `"q" is not a valid regular expression in RE2 syntax (no backreferences, no lookahead or lookbehind): ${error.message}`,
    );
  }
  if (pattern.programSize() > MAX_PATTERN_PROGRAM) {
    throw new BadRequestException(
      `"q" is too large a regular expression (program size ${pattern.programSize()}, at most ${MAX_PATTERN_PROGRAM}): use fewer or smaller repetitions.`,
    );
  }
  return pattern;
}
