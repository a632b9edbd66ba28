import { DynamicModule, Module, Provider } from '@nestjs/common';
import { DomainRegistry } from './domain-registry';
import { DOMAINS_MODULE_OPTIONS } from './domains.constants';
import { DomainsModuleAsyncOptions, DomainsModuleOptions } from './domains-options.interface';

@Module({})
export class DomainsModule {
  static forRoot(options: DomainsModuleOptions): DynamicModule {
    return DomainsModule.create([{ provide: DOMAINS_MODULE_OPTIONS, useValue: options }]);
  }

  static forRootAsync(options: DomainsModuleAsyncOptions): DynamicModule {
    const optionsProvider: Provider = {
      provide: DOMAINS_MODULE_OPTIONS,
      useFactory: options.useFactory,
      inject: options.inject ?? [],
    };
    return { ...DomainsModule.create([optionsProvider]), imports: options.imports ?? [] };
  }

  private static create(providers: Provider[]): DynamicModule {
    return {
      module: DomainsModule,
      global: true,
      providers: [...providers, DomainRegistry],
      exports: [DomainRegistry],
    };
  }
}
