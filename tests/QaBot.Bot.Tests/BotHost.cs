using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QaBot.Application.Conversations;
using QaBot.BotFramework.Connector;
using QaBot.BotFramework.Hosting;
using QaBot.Testing.BotFramework;
using QaBot.Testing.Http;
using QaBot.Testing.Logging;

namespace QaBot.Bot.Tests;

/// <summary>
/// The real bot host (<see cref="Program"/>) with the outside world replaced at its edges: the channel's token
/// service by a <see cref="TestChannelAuthority"/>, the Bot Connector by a <see cref="FakeHttpHandler"/>, the clock
/// by a fake one, and (unless told otherwise) the turn handler by a <see cref="RecordingTurnHandler"/>.
/// </summary>
public sealed class BotHost : WebApplicationFactory<Program>
{
    public const string RemoteAddressHeader = "X-Test-Remote-Address";
    public const string ConnectorToken = "connector-token-for-tests";

    private readonly bool _authenticated;
    private readonly bool _replaceHandler;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;
    private readonly string? _environment;
    private readonly bool _realSocket;

    /// <param name="authenticated">Configure an app id (tokens required) rather than local development.</param>
    /// <param name="replaceHandler">Use <see cref="Handler"/> instead of the host's own turn handler.</param>
    /// <param name="settings">More configuration (for example storage for whole-conversation tests).</param>
    /// <param name="configureServices">Last-minute service changes, applied after the host's own.</param>
    /// <param name="now">The fake clock's starting time (default Friday 27 November 2026, 09:00 UTC).</param>
    /// <param name="environment">The host environment (default Development, as WebApplicationFactory sets it).</param>
    /// <param name="realSocket">Listen on a real loopback port (Kestrel), so callers' addresses and headers are the network's, not made up.</param>
    public BotHost(
        bool authenticated = true,
        bool replaceHandler = true,
        Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        DateTimeOffset? now = null,
        string? environment = null,
        bool realSocket = false)
    {
        _environment = environment;
        _realSocket = realSocket;
        if (realSocket)
        {
            UseKestrel(0);
        }

        Time = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));
        _authenticated = authenticated;
        _replaceHandler = replaceHandler;
        _settings = settings ?? [];
        _configureServices = configureServices;
        Authority = new TestChannelAuthority(Time);
        Connector.RespondWith(_ => FakeHttpHandler.Json(HttpStatusCode.OK, """{"id":"reply-1"}"""));
    }

    public FakeTimeProvider Time { get; }

    public TestChannelAuthority Authority { get; }

    public FakeHttpHandler Connector { get; } = new();

    public RecordingTurnHandler Handler { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Posts an activity as the channel would: with a valid token unless <paramref name="token"/> says otherwise.</summary>
    public Task<HttpResponseMessage> PostAsync(JsonNode activity, string? token = "", string? remoteAddress = null, IReadOnlyDictionary<string, string>? headers = null) =>
        PostRawAsync(activity.ToJsonString(), token, remoteAddress, headers);

    public async Task<HttpResponseMessage> PostRawAsync(string body, string? token = "", string? remoteAddress = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (token == string.Empty && _authenticated)
        {
            token = Authority.CreateToken();
        }

        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (remoteAddress is not null)
        {
            request.Headers.Add(RemoteAddressHeader, remoteAddress);
        }

        return await client.SendAsync(request);
    }

    /// <summary>
    /// Starts the host expecting start-up to stop on invalid options, and returns why. The test server can lose a race
    /// with the failing host and then reports only that the host was disposed; the host logs the fault before it
    /// stops, so the cause is read from that log entry when it is not the exception thrown.
    /// </summary>
    public OptionsValidationException StartupFailure()
    {
        var thrown = Record.Exception(() => CreateClient().Dispose());
        Assert.NotNull(thrown);
        if (thrown is OptionsValidationException direct)
        {
            return direct;
        }

        var logged = Logs.Entries.Select(entry => entry.Exception).OfType<OptionsValidationException>().FirstOrDefault();
        Assert.True(logged is not null, $"Start-up failed with {thrown.GetType().Name} and no options failure was logged: {thrown.Message}");
        return logged;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (_environment is not null)
        {
            builder.UseEnvironment(_environment);
        }

        if (_authenticated)
        {
            builder.UseSetting("Bot:AppId", TestChannelAuthority.AppId);
            builder.UseSetting("Bot:TenantId", TestChannelAuthority.TenantId);
            builder.UseSetting("Bot:OpenIdMetadataUrl", TestChannelAuthority.MetadataUrl);
            builder.UseSetting("Bot:Credential", "ClientSecret");
            builder.UseSetting("Bot:ClientSecret", "not-a-real-secret");
        }

        builder.UseSetting("Bot:Retry:BaseDelay", "00:00:00.010");
        builder.UseSetting("Bot:Retry:MaxDelay", "00:00:00.050");

        // Most hosts have no storage to warm the dashboard against; the hosts that test it turn it on.
        builder.UseSetting("Dashboard:WarmUpAtStartup", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddHttpClient(BotFrameworkHttpClients.OpenIdMetadata)
                .ConfigurePrimaryHttpMessageHandler(() => Authority.Handler)
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            services.AddHttpClient(BotFrameworkHttpClients.Connector)
                .ConfigurePrimaryHttpMessageHandler(() => Connector)
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            if (_authenticated)
            {
                services.AddSingleton<IBotTokenProvider>(new StaticTokenProvider(ConnectorToken));
            }

            if (_replaceHandler)
            {
                services.AddSingleton<ITurnHandler>(Handler);
            }

            if (!_realSocket)
            {
                services.AddSingleton<IStartupFilter, RemoteAddressStartupFilter>();
            }

            _configureServices?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Authority.Dispose();
            Connector.Dispose();
            Logs.Dispose();
        }
    }

    private sealed class StaticTokenProvider(string token) : IBotTokenProvider
    {
        public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(token);
    }

    /// <summary>The test server gives no remote address: this sets one (loopback unless a test header says otherwise).</summary>
    private sealed class RemoteAddressStartupFilter : IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(nextMiddleware => context =>
            {
                var header = context.Request.Headers[RemoteAddressHeader].ToString();
                context.Connection.RemoteIpAddress = string.IsNullOrEmpty(header) ? IPAddress.Loopback : IPAddress.Parse(header);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
