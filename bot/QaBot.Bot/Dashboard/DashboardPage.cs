using Microsoft.Extensions.FileProviders;

namespace QaBot.Bot.Dashboard;

/// <summary>
/// The dashboard's page at <c>/dashboard/</c>: its HTML, CSS and script, with Teams' client library and the charting
/// library copied in from npm at build time (QaBot.Bot.csproj), all from this host, under a Content-Security-Policy of
/// self only that lets Teams and the Microsoft 365 hosts frame it (docs/dashboard.md).
/// </summary>
public static class DashboardPage
{
    public const string Path = "/dashboard";

    /// <summary>
    /// The hosts Teams tabs run in, from Microsoft's "Prerequisites" for tabs (Teams platform documentation): Teams,
    /// the Microsoft 365 app and Outlook, and <c>*.cloud.microsoft</c>, where all of them are moving.
    /// </summary>
    public static readonly IReadOnlyList<string> FrameAncestors =
    [
        "teams.microsoft.com",
        "*.teams.microsoft.com",
        "*.cloud.microsoft",
        "*.microsoft365.com",
        "*.office.com",
        "outlook.office.com",
        "outlook.office365.com",
    ];

    /// <summary>Self only: no inline script or style, no other origin, framed only by the hosts above.</summary>
    public static readonly string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors " + string.Join(' ', FrameAncestors);

    /// <summary>Where the built page is: beside the bot's assembly (copied there by the build).</summary>
    public static string Folder => System.IO.Path.Combine(AppContext.BaseDirectory, "dashboard");

    public static WebApplication UseDashboardPage(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Path) || context.Request.Path.StartsWithSegments("/api/dashboard"))
            {
                context.Response.OnStarting(() =>
                {
                    var headers = context.Response.Headers;
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers.XContentTypeOptions = "nosniff";
                    headers["Referrer-Policy"] = "no-referrer";
                    headers["Cross-Origin-Opener-Policy"] = "same-origin";
                    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                    return Task.CompletedTask;
                });
            }

            // The page's relative addresses need the trailing slash (routing would match both, so this is not an endpoint).
            if (context.Request.Path.Value == Path)
            {
                context.Response.Redirect(Path + "/" + context.Request.QueryString);
                return;
            }

            await next(context).ConfigureAwait(false);
        });

        if (Directory.Exists(Folder))
        {
            var files = new PhysicalFileProvider(Folder);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = Path });
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                RequestPath = Path,
                // The page asks the API for figures each time; its own files change with each release, so revalidate.
                OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
            });
        }

        return app;
    }
}
