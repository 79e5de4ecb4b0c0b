// The API server as main.ts runs it, plus the admin and review modules while app.module.ts does not list them yet.
import 'reflect-metadata';
import type { ModuleMetadata } from '@nestjs/common';
import { ConfigValidationError } from '@ogp/tracker';
import { AdminModule } from '../../../apps/api/src/admin/admin.module';
import { createApp, listen } from '../../../apps/api/src/app.factory';
import { FEATURE_MODULES } from '../../../apps/api/src/app.module';
import { ReviewModule } from '../../../apps/api/src/review/review.module';

// Once the lead wires them into FEATURE_MODULES this adds nothing, and the process is exactly main.ts.
const missing: NonNullable<ModuleMetadata['imports']> = [AdminModule, ReviewModule].filter((m) => !FEATURE_MODULES.includes(m));

async function bootstrap(): Promise<void> {
  const app = await createApp({ imports: missing, swaggerUi: false });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await listen(app);
  process.stdout.write(`listening\n`);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigValidationError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`fault server failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
