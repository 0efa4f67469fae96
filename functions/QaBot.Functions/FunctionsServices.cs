using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Composition;

namespace QaBot.Functions;

/// <summary>Everything the Functions app registers, so that a test can check a deployment's settings against exactly this.</summary>
public static class FunctionsServices
{
    public static IServiceCollection AddQaBotFunctions(this IServiceCollection services, IConfiguration configuration) =>
        services.AddQaBot(configuration);
}
