using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Composition;
using QaBot.Composition.Telemetry;

namespace QaBot.Functions;

/// <summary>Everything the Functions app registers, so that a test can check a deployment's settings against exactly this.</summary>
public static class FunctionsServices
{
    public static IServiceCollection AddQaBotFunctions(this IServiceCollection services, IConfiguration configuration) =>
        services.AddQaBot(configuration).AddFunctionsTelemetry(configuration);

    /// <summary>
    /// The worker's OpenTelemetry support (invocation spans and the host's trace context) exporting to Azure Monitor,
    /// only when App Insights is configured: without a connection string nothing is registered.
    /// </summary>
    public static IServiceCollection AddFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (QaBotOpenTelemetry.Resolve(configuration) is not { } export)
        {
            return services;
        }

        services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = export.ConnectionString;
                if (export.Credential is not null)
                {
                    o.Credential = export.Credential;
                }
            })
            .AddQaBotInstrumentation();
        return services;
    }
}
