// Provides the one IdGenerator (inject it by class).
import { Global, Module } from '@nestjs/common';
import { IdGenerator } from './id-generator';

@Global()
@Module({ providers: [{ provide: IdGenerator, useValue: new IdGenerator() }], exports: [IdGenerator] })
export class IdsModule {}
