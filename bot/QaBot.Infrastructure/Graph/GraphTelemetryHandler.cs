using System.Diagnostics;
using QaBot.Application.Telemetry;

namespace QaBot.Infrastructure.Graph;

/// <summary>One span per Graph request (each retry its own), with the path redacted: Graph URLs name organiser mailboxes.</summary>
internal sealed class GraphTelemetryHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var activity = QaBotTelemetry.Source.StartActivity(QaBotTelemetry.GraphCallActivity, ActivityKind.Client);
        activity?.SetTag("http.request.method", request.Method.Method);
        activity?.SetTag("url.path", TelemetryRedaction.RedactPath(request.RequestUri?.AbsolutePath));
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        activity?.SetTag("http.response.status_code", (int)response.StatusCode);
        if (!response.IsSuccessStatusCode)
        {
            activity?.SetStatus(ActivityStatusCode.Error);
        }

        return response;
    }
}
