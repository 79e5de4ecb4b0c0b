// What the commands check of their input before doing anything: positional arguments, member ids, option files.
import { readFileSync, statSync } from 'node:fs';
import type { CommandRunner } from 'nest-commander';
import { isMemberId } from '@ogp/domain';

/** Commander's command, as nest-commander hands it to each runner (commander itself is nest-commander's dependency). */
type Command = Parameters<CommandRunner['setCommand']>[0];

/** The command as typed, e.g. `keys list`: what a message about it names. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent != null; c = c.parent) names.unshift(c.name());
  return names.length > 0 ? names.join(' ') : command.name();
}

/**
 * Refuses positional arguments beyond those the command declares. Commander lets them through by default, and a
 * word taken for an option's value (`verify t.ndjson`) would then be ignored in silence: the command would run on
 * something else and could report success. `hint` says what the user may have meant.
 */
export function refuseUnexpectedArguments(command: Command, params: readonly string[], hint?: (argument: string) => string): void {
  const declared = command.registeredArguments;
  if (declared.at(-1)?.variadic === true) return;
  const unexpected = params[declared.length];
  if (unexpected === undefined) return;
  const path = commandPath(command);
  const subcommands = command.commands.map((c) => c.name());
  let message: string;
  if (subcommands.length > 0 && declared.length === 0) {
    message = `unknown ${path} subcommand '${unexpected}' (expected ${subcommands.join(', ')})`;
  } else if (declared.length === 0) {
    message = `${path} takes no argument '${unexpected}'`;
  } else {
    message = `${path} takes ${declared.map((a) => `<${a.name()}>`).join(' ')} only, not also '${unexpected}'`;
  }
  throw new Error(hint === undefined ? message : `${message}: ${hint(unexpected)}`);
}

/** A --member value: a member id in form (a typo would otherwise match nothing and say nothing). */
export function parseMemberIdOption(flag: string, value: string): string {
  if (!isMemberId(value)) throw new Error(`${flag} must be a member id such as semarang (lowercase letters, digits and dashes), got ${JSON.stringify(value)}`);
  return value;
}

/** Why a file named by an option cannot be read, in words (not Node's `ENOENT: no such file or directory, open ...`). */
function fileProblem(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** The error for a file given by an option: the option and the file first, then what is wrong. */
export function optionFileError(flag: string, file: string, problem: unknown): Error {
  return new Error(`${flag} ${file}: ${typeof problem === 'string' ? problem : fileProblem(problem)}`);
}

/** The text of a file given by an option; a missing, unreadable or empty file is refused naming the option. */
export function readOptionFile(flag: string, file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw optionFileError(flag, file, error);
  }
  if (text.trim() === '') throw optionFileError(flag, file, 'the file is empty');
  return text;
}

/** Checks that a file given by an option exists, is a file and is not empty (before a command streams it). */
export function checkOptionFile(flag: string, file: string): void {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
    size = stat.size;
  } catch (error) {
    throw optionFileError(flag, file, error);
  }
  if (size === 0) throw optionFileError(flag, file, 'the file is empty');
}
