using System.Diagnostics;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using QaBot.Application.Assurance;
using QaBot.Application.Dashboard;
using QaBot.Application.Organisation;
using QaBot.Core.Calendar;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;

namespace QaBot.Bot.Dashboard;

/// <summary>
/// Works out one dashboard when the bot starts, before it takes requests: the department's figures and its quality
/// assurance panel, as its head would see them, thrown away once their JSON is written. The first person to open the tab after a start or a restart then does not
/// wait for the code to be compiled, the storage connections to be opened and the JSON writer to learn the answers'
/// shapes. Never stops the bot: with nobody at the top of the directory it does nothing, and a failure or a slow
/// store (more than <see cref="Limit"/>) is logged and start-up goes on.
/// </summary>
internal sealed partial class DashboardWarmUp(
    AreaTreeCache areas,
    IDirectoryStore directory,
    DashboardQuery query,
    ReviewOverview reviews,
    AuditOverview audits,
    FrameworkCatalogue catalogue,
    CouncilCalendar calendar,
    TimeProvider time,
    OrganisationPolicy policy,
    IOptions<JsonOptions> json,
    IOptions<DashboardOptions> options,
    ILogger<DashboardWarmUp> logger) : IHostedService
{
    internal static readonly TimeSpan Limit = TimeSpan.FromSeconds(3);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.WarmUpAtStartup)
        {
            return;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        var clock = Stopwatch.StartNew();
        try
        {
            var tree = await areas.GetAsync(limit.Token).ConfigureAwait(false);
            if (tree.Root is not { } root)
            {
                return;
            }

            // The head of the department: someone kept at the top whose scope takes in the whole department.
            var today = calendar.LocalDateOf(time.GetUtcNow());
            var head = (await directory.GetPeopleKeptAtAsync(root.Id, limit.Token).ConfigureAwait(false))
                .FirstOrDefault(p => ScopeRules.For(p, policy, tree, today).Narrow(root.Id) is { OwnItemsOnly: false, Restricted: false });
            if (head is null)
            {
                return;
            }

            var view = await query.RunAsync(head, tree, today, DashboardRequest.Default, limit.Token).ConfigureAwait(false);
            await WriteAsync(DashboardJson.Of(view, head, tree, catalogue), limit.Token).ConfigureAwait(false);
            await WriteAsync(await AssuranceJson.ForAsync(head, today, reviews, audits, limit.Token).ConfigureAwait(false), limit.Token).ConfigureAwait(false);
            LogWarmed(logger, clock.ElapsedMilliseconds);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotWarmed(logger, e, clock.ElapsedMilliseconds);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Writes the answer as the endpoint does (the app's JSON options, through a pipe), to nowhere.</summary>
    private async Task WriteAsync(object answer, CancellationToken cancellationToken)
    {
        var pipe = PipeWriter.Create(Stream.Null);
        await JsonSerializer.SerializeAsync(pipe, answer, answer.GetType(), json.Value.SerializerOptions, cancellationToken).ConfigureAwait(false);
        await pipe.CompleteAsync().ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 5152, Level = LogLevel.Information, Message = "Dashboard ready: the department's dashboard and assurance panel were worked out once at start-up in {Milliseconds} ms")]
    private static partial void LogWarmed(ILogger logger, long milliseconds);

    [LoggerMessage(EventId = 5153, Level = LogLevel.Warning, Message = "Dashboard not warmed at start-up (after {Milliseconds} ms); the first view will be slower")]
    private static partial void LogNotWarmed(ILogger logger, Exception exception, long milliseconds);
}
