using QaBot.Testing;

namespace QaBot.Deployment.Tests.Tools;

/// <summary>Validates a JSON document against a JSON schema with ajv (Scripts/validate-json-schema.mjs).</summary>
internal static class JsonSchemaValidator
{
    public static Task<ProcessResult> ValidateAsync(string schemaFile, string documentFile) => ProcessRunner.RunAsync(
        "node",
        [RepositoryRoot.Combine("tests", "QaBot.Deployment.Tests", "Scripts", "validate-json-schema.mjs"), schemaFile, documentFile],
        RepositoryRoot.Path,
        TimeSpan.FromMinutes(1));
}
