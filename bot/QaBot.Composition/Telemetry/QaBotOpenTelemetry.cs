using System.Diagnostics;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Trace;
using QaBot.Application.Telemetry;

namespace QaBot.Composition.Telemetry;

/// <summary>Where telemetry goes: the App Insights connection string, and the credential when local authentication is off.</summary>
public sealed record TelemetryExport(string ConnectionString, TokenCredential? Credential);

/// <summary>
/// What both hosts share about OpenTelemetry: the product's Meter and ActivitySource, the redaction of people from
/// URL paths, and whether to export at all. Each host adds its own Azure Monitor exporter only when
/// <see cref="Resolve"/> returns one, so local runs and tests send nothing.
/// </summary>
public static class QaBotOpenTelemetry
{
    /// <summary>The connection string App Service and Functions set for App Insights.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The explicit alternative in configuration.</summary>
    public const string ConnectionStringKey = "Telemetry:ConnectionString";

    /// <summary>"Authorization=AAD" (and ClientId=... for a user-assigned identity): export with Entra ID, not the instrumentation key.</summary>
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>Null when no connection string is configured: nothing is exported.</summary>
    public static TelemetryExport? Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[ConnectionStringKey] is { Length: > 0 } explicitValue
            ? explicitValue
            : configuration[ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        var authentication = configuration[AuthenticationSetting] ?? string.Empty;
        if (!authentication.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase))
        {
            return new TelemetryExport(connectionString, null);
        }

        // The identity's client id: from the authentication string, else AZURE_CLIENT_ID (a user-assigned identity).
        var clientId = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2 && p[0].Equals("ClientId", StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1])
            .FirstOrDefault() ?? configuration["AZURE_CLIENT_ID"];
        TokenCredential credential = string.IsNullOrWhiteSpace(clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        return new TelemetryExport(connectionString, credential);
    }

    /// <summary>Adds the product's sources and meter, and the redaction of people from URL paths.</summary>
    public static TBuilder AddQaBotInstrumentation<TBuilder>(this TBuilder builder)
        where TBuilder : IOpenTelemetryBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder
            .WithTracing(t => t.AddSource(QaBotTelemetry.Name).AddProcessor(new RedactingProcessor()))
            .WithMetrics(m => m.AddMeter(QaBotTelemetry.Name));
        return builder;
    }
}

/// <summary>Rewrites URL tags and names of finished activities so that no mailbox or user id in a path is exported.</summary>
public sealed class RedactingProcessor : BaseProcessor<Activity>
{
    private static readonly string[] UrlTags = ["url.full", "url.path", "http.url", "http.target", "http.route", "url.query"];

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Redact(data);
    }

    /// <summary>The redaction itself, for the processor and its tests.</summary>
    public static void Redact(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        foreach (var tag in UrlTags)
        {
            if (activity.GetTagItem(tag) is string value)
            {
                activity.SetTag(tag, tag == "url.query" ? null : TelemetryRedaction.RedactUrl(value));
            }
        }

        activity.DisplayName = TelemetryRedaction.RedactPath(activity.DisplayName) ?? activity.DisplayName;
    }
}
