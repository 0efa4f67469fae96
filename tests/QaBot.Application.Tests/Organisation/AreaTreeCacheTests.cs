using Moq;
using QaBot.Application.Organisation;
using QaBot.Core.Organisation;
using QaBot.Testing.InMemory;
using QaBot.Testing.Organisation;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Application.Tests.Organisation;

[Trait("Category", "Fast")]
public sealed class AreaTreeCacheTests
{
    private readonly Council _council = new();
    private readonly Mock<IDirectoryStore> _directory = new();

    public AreaTreeCacheTests() => _directory.Setup(d => d.GetAreasAsync(It.IsAny<CancellationToken>())).ReturnsAsync(Tree);

    [Fact]
    public async Task GetAsync_WithinAMinute_ReadsTheDirectoryOnce()
    {
        var cache = new AreaTreeCache(_directory.Object, _council.Time);

        await cache.GetAsync(CancellationToken.None);
        _council.Time.Advance(AreaTreeCache.Lifetime - TimeSpan.FromSeconds(1));
        var tree = await cache.GetAsync(CancellationToken.None);

        Assert.Same(Tree, tree);
        _directory.Verify(d => d.GetAreasAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task GetAsync_AfterAMinute_ReadsAgain()
    {
        var cache = new AreaTreeCache(_directory.Object, _council.Time);

        await cache.GetAsync(CancellationToken.None);
        _council.Time.Advance(AreaTreeCache.Lifetime);
        await cache.GetAsync(CancellationToken.None);

        _directory.Verify(d => d.GetAreasAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task GetAsync_ClockMovedBack_ReadsAgain()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Council.Now);
        var cache = new AreaTreeCache(_directory.Object, clock);

        await cache.GetAsync(CancellationToken.None);
        clock.AdjustTime(Council.Now.AddSeconds(-10));
        await cache.GetAsync(CancellationToken.None);

        _directory.Verify(d => d.GetAreasAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public void Constructor_MissingDependency_NamesIt()
    {
        Assert.Equal("directory", Assert.Throws<ArgumentNullException>(() => new AreaTreeCache(null!, _council.Time)).ParamName);
        Assert.Equal("time", Assert.Throws<ArgumentNullException>(() => new AreaTreeCache(_council.Directory, null!)).ParamName);
    }

    [Fact]
    public async Task PersonNames_KnownAndUnknownPeople_NamesTheKnownOnesReadingEachOnce()
    {
        var directory = new InMemoryDirectoryStore();
        await directory.SavePersonAsync(NewPerson(6, ChesterfieldTeam1, null), null, new(Council.Now, Core.Tracking.Actor.System("test"), "added", "person:6", "-", TestItems.Origin));
        var viewer = Council.Person(4) with { DisplayName = "Me" };

        var names = await PersonNames.LookupAsync(directory, [Id(6), Id(6), Id(4), Id(99)], CancellationToken.None, viewer);

        Assert.Equal(new Dictionary<PersonId, string> { [Id(4)] = "Me", [Id(6)] = "Person 6" }, names);
        Assert.Equal(new Dictionary<PersonId, string> { [Id(6)] = "Person 6" }, await PersonNames.LookupAsync(directory, [Id(6)], CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentNullException>(() => PersonNames.LookupAsync(null!, [Id(6)], CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentNullException>(() => PersonNames.LookupAsync(directory, null!, CancellationToken.None));
    }
}
