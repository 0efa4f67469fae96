using System.Text;
using QaBot.Core.Organisation.Import;

namespace QaBot.Core.Tests.Organisation.Import;

[Trait("Category", "Fast")]
public sealed class CsvReaderTests
{
    [Fact]
    public void Read_QuotedFieldsWithCommasQuotesAndNewlines_KeepsThemAndCountsLines()
    {
        const string text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,row,here";

        var (records, problems) = CsvReader.Read(text, "f.csv");

        Assert.Empty(problems);
        Assert.Equal(3, records.Count);
        Assert.Equal(["x, y", "say \"hi\"", "two\nlines"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(4, records[2].Line);
    }

    [Fact]
    public void Read_ByteOrderMarkAndBlankLines_AreIgnored()
    {
        var (records, _) = CsvReader.Read("\uFEFFa,b\n\n1,2\n", "f.csv");

        Assert.Equal(["a", "b"], records[0].Fields);
        Assert.Equal(3, records[1].Line);
        Assert.Equal(2, records.Count);
    }

    [Fact]
    public void Read_UnclosedQuote_IsAProblemOnTheLineItOpens()
    {
        var (_, problems) = CsvReader.Read("a,b\n1,\"open\n2,3\n", "f.csv");

        var problem = Assert.Single(problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains("never closed", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnquotedFieldsAreTrimmed() =>
        Assert.Equal(["a", "b c"], CsvReader.Read(" a ,  b c  ", "f.csv").Records[0].Fields);

    [Fact]
    public void DecodeUtf8_InvalidBytes_NamesTheLine()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\n1,2\nx,").Concat(new byte[] { 0xE9, (byte)'\n' }).ToArray();

        var (text, problem) = CsvReader.DecodeUtf8(bytes, "people.csv");

        Assert.Null(text);
        Assert.Equal(3, problem!.Line);
        Assert.Contains("UTF-8", problem.Message, StringComparison.Ordinal);
    }
}
