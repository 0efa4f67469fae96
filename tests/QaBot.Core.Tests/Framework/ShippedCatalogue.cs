using QaBot.Core.Framework;
using QaBot.Testing.Data;

namespace QaBot.Core.Tests.Framework;

/// <summary>The catalogue as shipped beside the program (Data/framework.yaml), loaded once for the tests.</summary>
internal static class ShippedCatalogue
{
    private static readonly Lazy<CatalogueLoadResult> Result = new(() =>
        ShippedData.LoadCatalogue());

    public static CatalogueLoadResult LoadResult => Result.Value;

    public static FrameworkCatalogue Catalogue
    {
        get
        {
            var result = Result.Value;
            Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
            return result.Catalogue!;
        }
    }
}
