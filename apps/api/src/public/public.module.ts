// The public read API: published plans and their progress, no key needed.
import { Module } from '@nestjs/common';
import { ReadModelsModule } from '@ogp/tracker';
import { PublishedPlansController } from './published-plans/published-plans.controller';

@Module({ imports: [ReadModelsModule], controllers: [PublishedPlansController] })
export class PublicModule {}
