// `seed --demo`: writes the Semarang 2021-2023 scenario into the configured store (DATA_DIR or EventStoreDB).
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { EVENT_STORE, type EventStore } from '@ogp/event-store';
import { seedDemo } from '@ogp/tracker';
import { seedProgress } from './seed-progress';
import { refuseUnexpectedArguments } from './command-input';

interface SeedOptions {
  readonly demo?: boolean;
}

@Command({ name: 'seed', description: 'Write demo data into the configured store (--demo: Kota Semarang 2021-2023)' })
export class SeedCommand extends CommandRunner {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    super();
  }

  async run(params: string[], options: SeedOptions): Promise<void> {
    refuseUnexpectedArguments(this.command, params, () => 'to write the Semarang scenario, use --demo');
    if (!options.demo) {
      process.stderr.write('Nothing to seed: pass --demo to write the Semarang scenario.\n');
      process.exitCode = 2;
      return;
    }
    const result = await seedDemo(this.store, {
      onStep: seedProgress,
    });
    process.stdout.write(
      result.seeded
        ? `Seeded the Semarang demo: ${result.steps} commands, ${result.events} events.\n`
        : 'The store already holds the Semarang demo: nothing written.\n',
    );
  }

  @Option({ flags: '--demo', description: 'the Semarang 2021-2023 action plan (some milestones and claims are illustrative)' })
  parseDemo(): boolean {
    return true;
  }
}
