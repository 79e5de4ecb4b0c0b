// Provides the one Clock under CLOCK: the system clock, or the clock a test or demo passes in.
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { CLOCK, type Clock } from './clock';
import { SystemClock } from './system-clock';

@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = new SystemClock()): DynamicModule {
    return { module: ClockModule, providers: [{ provide: CLOCK, useValue: clock }], exports: [CLOCK] };
  }
}
