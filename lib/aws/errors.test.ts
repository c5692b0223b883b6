import { describe, expect, it } from "vitest";
import { classifyAwsError, isAwsGatewayError, toAwsGatewayError } from "./errors";

const sdkError = (name: string, status?: number, message = "boom", attempts?: number) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status, attempts } });

describe("classifyAwsError", () => {
  it.each([
    ["PreconditionFailedException", 412, "ALIAS_CHANGED"],
    ["ResourceNotFoundException", 404, "NOT_FOUND"],
    ["AccessDeniedException", 403, "ACCESS_DENIED"],
    ["UnrecognizedClientException", 403, "ACCESS_DENIED"],
    ["TooManyRequestsException", 429, "THROTTLED"],
    ["Throttling", 400, "THROTTLED"],
    ["ServiceException", 500, "UPSTREAM"],
    ["InternalServiceError", 500, "UPSTREAM"],
    ["InvalidParameterValueException", 400, "INVALID"],
    ["InvalidParameterValue", 400, "INVALID"],
    // SSM (AWS JSON 1.1) answers 400 for most of its errors.
    ["ParameterNotFound", 400, "NOT_FOUND"],
    ["ParameterVersionNotFound", 400, "NOT_FOUND"],
    ["ParameterAlreadyExists", 400, "PARAMETER_CHANGED"],
    ["ThrottlingException", 400, "THROTTLED"],
    ["TooManyUpdates", 429, "THROTTLED"],
    ["ValidationException", 400, "INVALID"],
    ["InternalServerError", 500, "UPSTREAM"],
  ] as const)("%s (%i) → %s", (name, status, kind) => {
    expect(classifyAwsError(sdkError(name, status))).toBe(kind);
  });
  it("network failures and credential errors", () => {
    expect(classifyAwsError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toBe("UPSTREAM");
    expect(classifyAwsError(Object.assign(new Error("Could not load credentials"), { name: "CredentialsProviderError" }))).toBe("ACCESS_DENIED");
  });
});

describe("toAwsGatewayError", () => {
  it("names the call, function, alias and version, and carries an AppError code", () => {
    const e = toAwsGatewayError(sdkError("ServiceException", 500, "Lambda was unable", 4), {
      operation: "UpdateAlias",
      functionName: "checkout-api",
      alias: "production",
      version: "7",
    });
    expect(e.kind).toBe("UPSTREAM");
    expect(e.code).toBe("UPSTREAM");
    expect(e.attempts).toBe(4);
    expect(e.message).toBe("AWS failed UpdateAlias on checkout-api:production (version 7) after 4 attempts. AWS said: Lambda was unable");
  });
  it("an alias changed elsewhere is a CONFLICT that says what to do", () => {
    const e = toAwsGatewayError(sdkError("PreconditionFailedException", 412), { operation: "UpdateAlias", functionName: "f", alias: "live" });
    expect(isAwsGatewayError(e, "ALIAS_CHANGED")).toBe(true);
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toMatch(/^Alias f:live was changed outside Changegate/);
    expect(toAwsGatewayError(e, { operation: "other" })).toBe(e);
  });
  it("an SSM failure names the parameter", () => {
    const e = toAwsGatewayError(sdkError("ValidationException", 400, "Standard tier parameters support a maximum parameter value of 4096 characters."), {
      operation: "PutParameter",
      parameterName: "/features/x",
    });
    expect(e.message).toBe("AWS refused PutParameter on parameter /features/x. AWS said: Standard tier parameters support a maximum parameter value of 4096 characters.");
    expect(toAwsGatewayError(sdkError("ParameterAlreadyExists", 400), { operation: "PutParameter", parameterName: "/features/x" }).code).toBe("CONFLICT");
  });
});
