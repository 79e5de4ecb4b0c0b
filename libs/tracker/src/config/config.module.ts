// The one config module: provides the validated configuration under APP_CONFIG to the whole application.
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, type ResolvedConfig } from './app-config';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: ResolvedConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}
