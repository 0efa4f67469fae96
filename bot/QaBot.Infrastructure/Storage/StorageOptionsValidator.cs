using Microsoft.Extensions.Options;

namespace QaBot.Infrastructure.Storage;

/// <summary>Checks the combinations data annotations cannot: one way to connect, and both URIs together.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (options.TableServiceUri is null && options.QueueServiceUri is not null)
        {
            failures.Add("Storage:QueueServiceUri is set without Storage:TableServiceUri; set both (managed identity) or neither (connection string).");
        }

        if (options.TableServiceUri is not null && options.QueueServiceUri is null)
        {
            failures.Add("Storage:TableServiceUri is set without Storage:QueueServiceUri; set both for managed identity.");
        }

        foreach (var (key, uri) in new[] { ("TableServiceUri", options.TableServiceUri), ("QueueServiceUri", options.QueueServiceUri) })
        {
            if (uri is not null && (!uri.IsAbsoluteUri || uri.Scheme != Uri.UriSchemeHttps) && !(uri.IsAbsoluteUri && uri.IsLoopback))
            {
                failures.Add($"Storage:{key} must be an absolute https URI (http is allowed only for a loopback emulator).");
            }
        }

        if (options.TableServiceUri is null && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("Storage:ConnectionString is empty; set it, or set Storage:TableServiceUri and Storage:QueueServiceUri for managed identity.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
