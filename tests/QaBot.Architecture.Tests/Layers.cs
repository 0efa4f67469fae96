using System.Reflection;
using QaBot.Application.Tracking;
using QaBot.BotFramework.Connector;
using QaBot.Composition;
using QaBot.Conversations.Turns;
using QaBot.Core.Framework;
using QaBot.Demo;
using QaBot.Infrastructure.Storage;

namespace QaBot.Architecture.Tests;

/// <summary>The product's libraries, one type from each, and the names the dependency rules speak of.</summary>
internal static class Layers
{
    public static readonly Assembly Core = typeof(FrameworkCatalogue).Assembly;
    public static readonly Assembly Application = typeof(RecordReply).Assembly;
    public static readonly Assembly Infrastructure = typeof(TableTrackingStore).Assembly;
    public static readonly Assembly BotFramework = typeof(BotConnectorClient).Assembly;
    public static readonly Assembly Conversations = typeof(CardActionHandler).Assembly;
    public static readonly Assembly Composition = typeof(QaBotServiceCollectionExtensions).Assembly;
    public static readonly Assembly Demo = typeof(DemoCouncil).Assembly;

    /// <summary>Azure, ASP.NET Core and Graph: the platform the domain and the use cases must not know.</summary>
    public static readonly string[] Platform =
    [
        "Azure",
        "Microsoft.Azure",
        "Microsoft.AspNetCore",
        "Microsoft.Graph",
        "Microsoft.Kiota",
        "Microsoft.Identity",
        "Microsoft.IdentityModel",
    ];

    /// <summary>HTTP and the file system, by type: a stream or a text reader is fine, a path is not.</summary>
    public static readonly string[] InputOutput =
    [
        "System.Net.Http",
        "System.Net.Sockets",
        "System.IO.File",
        "System.IO.Directory",
        "System.IO.Path",
        "System.IO.DriveInfo",
    ];
}
