using System.Text;
using QaBot.Core.Organisation.Import;

namespace QaBot.Composition.Tests;

[Trait("Category", "Fast")]
public sealed class DirectoryImportFilesTests
{
    private const string PeopleHeader = "objectId,upn,displayName,jobTitle,roles,areaPath,managerUpn,startDate";

    [Fact]
    public void ReadAreas_QuotedFieldsWithCommasQuotesAndLineBreaks_KeepsThemAndCountsLines()
    {
        var (rows, problems) = Areas("path,kind\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",team\r\nlast,row");

        Assert.Empty(problems);
        Assert.Equal(
            [new AreaRow(2, "x, y", "say \"hi\""), new AreaRow(3, "two\nlines", "team"), new AreaRow(5, "last", "row")],
            rows);
    }

    [Fact]
    public void ReadAreas_ByteOrderMarkAndBlankLines_AreIgnoredAndLinesStillCount()
    {
        var (rows, problems) = Areas("path,kind\n\n   \nTeam 1,team\n", byteOrderMark: true);

        Assert.Empty(problems);
        Assert.Equal([new AreaRow(4, "Team 1", "team")], rows);
    }

    [Theory]
    [InlineData("path,kind\rA,team\rB,team")]
    [InlineData("path,kind\nA,team\nB,team\n")]
    [InlineData("path,kind\r\nA,team\r\nB,team\r\n")]
    public void ReadAreas_AnyLineEnd_ReadsEveryRowOnItsLine(string text)
    {
        var (rows, _) = Areas(text);

        Assert.Equal([new AreaRow(2, "A", "team"), new AreaRow(3, "B", "team")], rows);
    }

    [Fact]
    public void ReadAreas_SpacesAroundUnquotedValues_AreRemovedButKeptInsideQuotes()
    {
        var (rows, _) = Areas(" path , kind \n  Team 1  ,  \" team \"  ");

        Assert.Equal([new AreaRow(2, "Team 1", " team ")], rows);
    }

    [Fact]
    public void ReadAreas_UnclosedQuote_IsAProblemOnTheLineItOpensAndTheRowIsLeftOut()
    {
        var (rows, problems) = Areas("path,kind\nA,team\nB,\"open\nC,team\n");

        Assert.Equal(["areas.csv line 3: a quoted field is never closed"], problems);
        Assert.Equal([new AreaRow(2, "A", "team")], rows);
    }

    [Fact]
    public void ReadAreas_QuoteInsideAnUnquotedField_NamesTheLine()
    {
        var (_, problems) = Areas("path,kind\nA,team\nB \"x\",team\n");

        Assert.Equal(["areas.csv line 3: a double quote inside an unquoted field; put the whole field in double quotes and double the quote"], problems);
    }

    [Fact]
    public void ReadAreas_TextAfterAClosingQuote_NamesTheLine()
    {
        var (_, problems) = Areas("path,kind\n\"A\"B,team\n");

        Assert.Equal(["areas.csv line 2: text after a closing double quote; put the whole field in double quotes"], problems);
    }

    [Fact]
    public void ReadAreas_StrayQuoteAfterALineBreakInsideQuotes_NamesTheLineOfTheQuote()
    {
        var (_, problems) = Areas("path,kind\n\"two\nlines\",te\"am\n", byteOrderMark: true);

        Assert.Equal(["areas.csv line 3: a double quote inside an unquoted field; put the whole field in double quotes and double the quote"], problems);
    }

    [Fact]
    public void ReadPeople_NotUtf8_NamesTheLineAndReadsNothing()
    {
        var bytes = Encoding.UTF8.GetBytes(PeopleHeader + "\n1,2\nx,").Concat(new byte[] { 0xE9, (byte)'\n' }).ToArray();
        var problems = new List<ImportProblem>();

        var rows = DirectoryImportFiles.ReadPeople(bytes, "people.csv", problems);

        Assert.Null(rows);
        Assert.Equal("people.csv line 3: the file is not valid UTF-8 here; save it as UTF-8 (\"CSV UTF-8\" in Excel)", Assert.Single(problems).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void ReadPeople_EmptyFile_AsksForTheHeader(string text)
    {
        var (rows, problems) = People(text);

        Assert.Empty(rows);
        Assert.Equal([$"people.csv line 1: the file is empty; the first line must be the header: {PeopleHeader}"], problems);
    }

    [Fact]
    public void ReadPeople_WrongHeader_SaysWhatIsMissingAndWhatIsUnknown()
    {
        var (rows, problems) = People("objectId,upn,name\n1,2,3");

        Assert.Empty(rows);
        Assert.Equal(
            [$"people.csv line 1: the header must be {PeopleHeader} (missing displayName, jobTitle, roles, areaPath, managerUpn, startDate; unknown name)"],
            problems);
    }

    [Fact]
    public void ReadPeople_WrongHeaderAndBadQuotingBelow_ReportsBoth()
    {
        var (_, problems) = People("objectId,upn,name\n1,2 \"x\",3");

        Assert.Equal(2, problems.Count);
        Assert.Contains("people.csv line 2: a double quote inside an unquoted field; put the whole field in double quotes and double the quote", problems);
    }

    [Fact]
    public void ReadPeople_ColumnTwice_IsAProblemOnTheHeaderNamingIt()
    {
        var (_, problems) = People(PeopleHeader + ",upn\n");

        Assert.Equal(["people.csv line 1, upn: this column appears twice in the header"], problems);
    }

    [Fact]
    public void ReadPeople_ColumnsInAnyOrderAndCase_AreMatchedByName()
    {
        var (rows, problems) = People("STARTDATE,upn,objectid,displayName,jobTitle,roles,areaPath,managerUpn\n2024-02-12,a@council.example,id-1,Ann,\"Social Worker, Senior\",all-staff,Team 1,");

        Assert.Empty(problems);
        Assert.Equal([new PersonRow(2, "id-1", "a@council.example", "Ann", "Social Worker, Senior", "all-staff", "Team 1", string.Empty, "2024-02-12")], rows);
    }

    [Fact]
    public void ReadPeople_WrongNumberOfFields_NamesTheLineAndSkipsTheRow()
    {
        var (rows, problems) = People(PeopleHeader + "\nid-1,a@council.example,Ann,Job,all-staff,Team 1\nid-2,b@council.example,Bo,Job,all-staff,Team 1,,2024-02-12");

        Assert.Equal(["people.csv line 2: expected 8 fields, found 6 (a comma inside a value needs the value in double quotes)"], problems);
        Assert.Equal(3, Assert.Single(rows).Line);
    }

    [Fact]
    public async Task ReadPeopleAsync_MissingFile_NamesIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qabot-{Guid.NewGuid():N}", "people.csv");
        var problems = new List<ImportProblem>();

        var rows = await DirectoryImportFiles.ReadPeopleAsync(path, problems, default);

        Assert.Null(rows);
        Assert.Equal($"people.csv line 0: file not found: {path}", Assert.Single(problems).ToString());
    }

    [Fact]
    public async Task ReadPeopleAsync_FileOnDisk_ReadsItsRows()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qabot-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, PeopleHeader + "\r\nid-1,a@council.example,Ann,Job,all-staff,Team 1,,2024-02-12\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        try
        {
            var problems = new List<ImportProblem>();

            var rows = await DirectoryImportFiles.ReadPeopleAsync(path, problems, default);

            Assert.Empty(problems);
            Assert.Equal("a@council.example", Assert.Single(rows!).Upn);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (IReadOnlyList<AreaRow> Rows, List<string> Problems) Areas(string text, bool byteOrderMark = false)
    {
        var problems = new List<ImportProblem>();
        var rows = DirectoryImportFiles.ReadAreas(Bytes(text, byteOrderMark), "areas.csv", problems);
        return (rows!, problems.Select(p => p.ToString()).ToList());
    }

    private static (IReadOnlyList<PersonRow> Rows, List<string> Problems) People(string text)
    {
        var problems = new List<ImportProblem>();
        var rows = DirectoryImportFiles.ReadPeople(Bytes(text, false), "people.csv", problems);
        return (rows!, problems.Select(p => p.ToString()).ToList());
    }

    private static byte[] Bytes(string text, bool byteOrderMark) =>
        byteOrderMark ? [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);
}
