export { startTracing, tracesExporterFromEnv, TracingHandle } from './tracing.setup';
export {
  TRACE_CONTEXT_KEYS,
  contextFromEntries,
  contextFromHeaders,
  contextFromMetadata,
  currentTraceIds,
  traceContextEntries,
} from './trace-propagation';
export { activeTracer, inSpan, rpcAttributes, httpAnswered } from './plugin-spans';
export { inRpcClientSpan, inRpcServerSpan, tracedUnaryHandlers } from './grpc-server-spans';
export { DOMAIN_RPC_SERVICE, HOST_SERVICES_RPC_SERVICE, TRACER_NAME } from './tracing.constants';
