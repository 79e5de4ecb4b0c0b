// `keys create|list|revoke`: manage API keys (stored as hashes in DATA_DIR/access.sqlite).
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { type ApiKeyRecord, isRole, KEY_STORE, type KeyStore, type Role, ROLES } from '@ogp/tracker';
import { parseMemberIdOption, refuseUnexpectedArguments } from './command-input';
// In a name, a control character could recolour the terminal or start a row of its own in `keys list`, and an
// override left open could reverse the columns after it.
import { BIDI_FORMATTING, CONTROL_CHARACTERS, hasUnbalancedBidi } from '../../../api/src/platform/text.decorators';

/** Longest key name, in characters: a name says who holds the key, not why. */
const MAX_NAME_LENGTH = 100;

/** Text with its control and bidi formatting characters written as escapes (\x0a, \u2028, \u202e): for listing names. */
export function printable(text: string): string {
  return text.replace(CONTROL_CHARACTERS, escaped).replace(BIDI_FORMATTING, escaped);
}

function escaped(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

interface CreateOptions {
  readonly role: Role;
  readonly name: string;
  readonly member?: string;
  readonly json?: boolean;
}

@SubCommand({ name: 'create', description: 'Create an API key and print it (shown once)' })
export class KeysCreateCommand extends CommandRunner {
  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {
    super();
  }

  async run(params: string[], options: CreateOptions): Promise<void> {
    refuseUnexpectedArguments(this.command, params, () => 'quote a name that holds spaces, e.g. --name "IRM researcher"');
    const { record, key } = await this.keys.create({ role: options.role, name: options.name, member: options.member ?? null });
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ id: record.id, role: record.role, name: record.name, member: record.member, key })}\n`);
      return;
    }
    process.stderr.write(`Created ${record.role} key ${record.id} (${record.name}${record.member ? `, member ${record.member}` : ''}). The key is printed once, alone on stdout${process.stdout.isTTY ? ':' : ' (captured, not shown here)'}\n`);
    process.stdout.write(`${key}\n`);
  }

  @Option({ flags: '-r, --role <role>', description: `one of ${ROLES.join(', ')}`, required: true, choices: [...ROLES] })
  parseRole(value: string): Role {
    if (!isRole(value)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
    return value;
  }

  @Option({ flags: '-n, --name <name>', description: 'who or what holds the key', required: true })
  parseName(value: string): string {
    if (value.trim() === '') throw new Error('--name must not be empty');
    if (value.match(CONTROL_CHARACTERS) !== null) throw new Error(`--name must not hold control characters or line breaks, got '${printable(value)}'`);
    if (hasUnbalancedBidi(value)) throw new Error(`--name must close every bidirectional override or isolate it opens, got '${printable(value)}'`);
    const length = [...value].length;
    if (length > MAX_NAME_LENGTH) throw new Error(`--name must be at most ${MAX_NAME_LENGTH} characters, got ${length}`);
    return value;
  }

  @Option({ flags: '-m, --member <member>', description: 'restrict the key to one member id (e.g. semarang)' })
  parseMember(value: string): string {
    // A typo would make a key that fails closed on every write without saying why: refuse it here.
    return parseMemberIdOption('--member', value);
  }

  @Option({ flags: '--json', description: 'print one JSON object {id, role, name, member, key}' })
  parseJson(): boolean {
    return true;
  }
}

function formatTable(keys: readonly ApiKeyRecord[]): string {
  const header = ['id', 'role', 'name', 'member', 'created', 'status'];
  const rows = keys.map((k) => [k.id, k.role, printable(k.name), printable(k.member ?? '-'), k.createdAt, k.revokedAt ? `revoked ${k.revokedAt}` : 'active']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows].map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

@SubCommand({ name: 'list', description: 'List API keys (never their secrets)' })
export class KeysListCommand extends CommandRunner {
  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {
    super();
  }

  async run(params: string[], options: { readonly json?: boolean }): Promise<void> {
    refuseUnexpectedArguments(this.command, params);
    const keys = await this.keys.list();
    process.stdout.write(`${options.json ? JSON.stringify(keys) : formatTable(keys)}\n`);
  }

  @Option({ flags: '--json', description: 'print a JSON array' })
  parseJson(): boolean {
    return true;
  }
}

@SubCommand({ name: 'revoke', arguments: '<id>', description: 'Revoke an API key by id; a running server refuses it within a second' })
export class KeysRevokeCommand extends CommandRunner {
  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {
    super();
  }

  async run(params: string[]): Promise<void> {
    refuseUnexpectedArguments(this.command, params);
    const id = params[0]!;
    if (await this.keys.revoke(id)) {
      process.stdout.write(`Revoked ${id}\n`);
      return;
    }
    process.stderr.write(`No active key with id ${id}\n`);
    process.exitCode = 1;
  }
}

@Command({
  name: 'keys',
  description: 'Manage API keys (roles: admin, reviewer, auditor)',
  subCommands: [KeysCreateCommand, KeysListCommand, KeysRevokeCommand],
})
export class KeysCommand extends CommandRunner {
  async run(params: string[]): Promise<void> {
    // Commander hands a word that names no subcommand to this command: `keys frob` is a mistake, not a request for help.
    refuseUnexpectedArguments(this.command, params);
    this.command.help();
  }
}
