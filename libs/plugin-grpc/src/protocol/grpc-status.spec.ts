import * as grpcJs from '@grpc/grpc-js';
import * as lean from './grpc-status';

describe('the gRPC status codes that load without grpc-js', () => {
  it("are grpc-js's status enum, code for code and name for name", () => {
    expect({ ...lean.status }).toEqual({ ...grpcJs.status });
  });
});
