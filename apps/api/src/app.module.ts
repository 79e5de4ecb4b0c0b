// The API's root module: infrastructure, the HTTP platform, and the feature modules (one line each).
import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { IdempotencyModule, type InfrastructureOptions, TrackerInfrastructureModule } from '@ogp/tracker';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { LedgerApiModule } from './ledger/ledger-api.module';
import { PlatformModule, type PlatformOptions } from './platform/platform.module';
import { PublicModule } from './public/public.module';
import { ReviewModule } from './review/review.module';

/** Feature modules (admin, review, audit, public controllers and the tracker modules they use): add them here. */
export const FEATURE_MODULES: NonNullable<ModuleMetadata['imports']> = [
  AdminModule,
  ReviewModule,
  AuditModule,
  PublicModule,
  LedgerApiModule,
];

export interface AppModuleOptions extends InfrastructureOptions, PlatformOptions {
  /** Extra modules, e.g. a test's own controllers. */
  readonly imports?: ModuleMetadata['imports'];
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TrackerInfrastructureModule.forRoot(options),
        // Idempotency-Key records belong to the HTTP API: the CLI's commands neither need nor create them.
        IdempotencyModule,
        PlatformModule.forRoot(options),
        ...FEATURE_MODULES,
        ...(options.imports ?? []),
      ],
    };
  }
}
