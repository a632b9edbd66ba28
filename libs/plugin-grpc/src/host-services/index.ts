export { HostServicesServer } from './host-services.server';
export { HostServicesClient, HOST_SERVICES_MAX_MESSAGE_BYTES } from './host-services.client';
export { HostServicesCallError } from './host-services-call.error';
export { RemoteServiceRegistry } from './remote-service-registry';
export { servicesFromInitialize } from './initialize-services';
export type { InitializedServices } from './initialize-services';
export { loadHostServices, HOST_SERVICES_NAME } from './host-services.loader';
export { MAX_RECORDS_PER_PUT } from './host-services.handlers';
export * from './host-services.types';
