using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.DependencyInjection;
using QaBot.Application.Compliance;
using QaBot.Application.Organisation;
using QaBot.Composition.Reports;
using QaBot.Core.Compliance;
using QaBot.Bot.Tests.Conversations;
using QaBot.Core.Organisation;
using QaBot.Demo;

namespace QaBot.Bot.Tests.Dashboard;

/// <summary>The dashboard's API over the seeded demo council, signed in with Entra tokens minted by the test.</summary>
[Trait("Category", "Storage")]
public sealed class DashboardEndpointTests(DashboardFixture council) : IClassFixture<DashboardFixture>
{
    private static readonly AreaId EarlyHelp = AreaId.Parse("childrens-services.early-help-and-safeguarding");
    private static readonly PersonId Director = DemoCouncil.KeyPeople.DirectorEarlyHelp;

    [Fact]
    public async Task Get_Director_HerDivisionWithTheReportsFigures()
    {
        var json = await GetJsonAsync(Director, "/api/dashboard");

        Assert.Equal(EarlyHelp.Value, json.GetProperty("area").GetProperty("id").GetString());
        Assert.Equal("Areas", json.GetProperty("scope").GetString());
        var november = ReportMonth.Of(DemoCouncilFixture.AsOf);
        var report = Assert.Single(await council.Services.GetRequiredService<ComplianceReportQuery>().RunAsync(
            new ComplianceReportRequest(EarlyHelp, november, november, ComplianceGrouping.Month, ReportAudience.Officers, DemoCouncilFixture.AsOf))).Figures;
        var total = json.GetProperty("total");
        Assert.Equal(report.Due, total.GetProperty("due").GetInt32());
        Assert.Equal(report.OnTime, total.GetProperty("onTime").GetInt32());
        Assert.Equal(report.Overdue, total.GetProperty("overdue").GetInt32());
        Assert.Equal(Math.Round(report.OnTimeRate!.Value * 100, 1), total.GetProperty("onTimeRate").GetDouble());
        Assert.True(json.GetProperty("children").GetArrayLength() > 0);
        Assert.True(json.GetProperty("trend").GetArrayLength() > 0);
        Assert.Equal("Fri 20 Nov 2026", json.GetProperty("asOfText").GetString());
    }

    [Fact]
    public async Task Get_ByDutySumsToTheTotal_AndEveryDutyHasAFamily()
    {
        var json = await GetJsonAsync(Director, "/api/dashboard?period=12-months");

        var byDuty = json.GetProperty("byDuty").EnumerateArray().ToList();
        Assert.Equal(json.GetProperty("total").GetProperty("due").GetInt32(), byDuty.Sum(d => d.GetProperty("figures").GetProperty("due").GetInt32()));
        var families = json.GetProperty("families").EnumerateArray().Select(f => f.GetProperty("key").GetString()).ToHashSet();
        Assert.All(byDuty, d => Assert.Contains(d.GetProperty("family").GetString(), families));
    }

    [Fact]
    public async Task Get_DirectorDrillsDownToATeam_ThatTeamsFigures()
    {
        var json = await GetJsonAsync(Director, "/api/dashboard");
        var steps = 0;
        while (json.GetProperty("children").GetArrayLength() > 0 && steps++ < 5)
        {
            var child = json.GetProperty("children")[0].GetProperty("area").GetProperty("id").GetString();
            json = await GetJsonAsync(Director, $"/api/dashboard?area={child}");
            Assert.Equal(child, json.GetProperty("area").GetProperty("id").GetString());
            Assert.False(json.GetProperty("restricted").GetBoolean());
        }

        var team = AreaId.Parse(json.GetProperty("area").GetProperty("id").GetString()!);
        var tree = await council.Services.GetRequiredService<IDirectoryStore>().GetAreasAsync();
        Assert.Equal(AreaKind.Team, tree.Find(team)!.Kind);
        Assert.True(team.IsWithin(EarlyHelp));
    }

    [Fact]
    public async Task Get_DirectorAsksForAnotherDivision_HerOwnAndSaysSo()
    {
        var json = await GetJsonAsync(Director, "/api/dashboard?area=childrens-services.schools-and-learning");

        Assert.True(json.GetProperty("restricted").GetBoolean());
        Assert.Equal(EarlyHelp.Value, json.GetProperty("area").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Get_ElectedMember_CountsOnlyNoNamesSmallNumbersSuppressed()
    {
        var json = await GetJsonAsync(DemoCouncil.KeyPeople.ElectedMember, "/api/dashboard?area=childrens-services.early-help-and-safeguarding");

        Assert.False(json.GetProperty("namesVisible").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("viewer").ValueKind);
        Assert.Equal(0, json.GetProperty("people").GetArrayLength());
        var text = json.GetRawText();
        Assert.DoesNotContain("Rachel", text, StringComparison.Ordinal);
        foreach (var count in Counts(json))
        {
            Assert.False(count is > 0 and < PublishedFigures.SmallNumber, $"An elected member was sent a small number: {count}");
        }
    }

    [Fact]
    public async Task Get_TeamManager_ThePeopleTheyManageWithTheirOverdueItems()
    {
        var json = await GetJsonAsync(DemoCouncil.KeyPeople.TeamManagerChesterfield, "/api/dashboard");

        var people = json.GetProperty("people").EnumerateArray().ToList();
        var reports = await council.Services.GetRequiredService<IDirectoryStore>().GetReportsAsync(DemoCouncil.KeyPeople.TeamManagerChesterfield);
        Assert.Equal(reports.Select(r => r.DisplayName).Order(), people.Select(p => p.GetProperty("name").GetString()!).Order());
    }

    [Fact]
    public async Task Get_SocialWorker_NoAreaAndNoFigures()
    {
        var json = await GetJsonAsync(DemoCouncil.KeyPeople.SocialWorkerChesterfield, "/api/dashboard");

        Assert.Equal("OwnItems", json.GetProperty("scope").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("area").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("total").ValueKind);
    }

    [Theory]
    [InlineData("period=fortnight", "period 'fortnight'")]
    [InlineData("duty=paperwork", "duty 'paperwork'")]
    [InlineData("area=nowhere", "area 'nowhere'")]
    public async Task Get_BadQuery_400NamingTheField(string query, string expected)
    {
        using var response = await SendAsync(Director, $"/api/dashboard?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_SomeoneNotInTheDirectory_403()
    {
        using var response = await SendAsync(new PersonId("9f000000-0000-4000-8000-000000000099"), "/api/dashboard");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ExportCsv_Director_TheSameBytesAsTheReport()
    {
        using var response = await SendAsync(Director, "/api/dashboard/export?format=csv&period=12-months");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var tree = await council.Services.GetRequiredService<IDirectoryStore>().GetAreasAsync();
        using var expected = new StringWriter();
        await council.Services.GetRequiredService<ComplianceExport>().WriteCsvAsync(expected, tree, new ComplianceReportRequest(
            EarlyHelp, ReportMonth.Parse("2025-12"), ReportMonth.Parse("2026-11"), ComplianceGrouping.Area, ReportAudience.Officers, DemoCouncilFixture.AsOf));
        var body = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        Assert.Equal(expected.ToString(), body);
        Assert.True(body.Split('\n').Length > 2);
    }

    [Fact]
    public async Task ExportXlsx_ElectedMember_ASuppressedWorkbookOfTheirScope()
    {
        using var response = await SendAsync(DemoCouncil.KeyPeople.ElectedMember, "/api/dashboard/export?format=xlsx&period=last-month");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var workbook = SpreadsheetDocument.Open(stream, false);
        var sheets = workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal([ComplianceWorkbook.ByArea, ComplianceWorkbook.ByDuty, ComplianceWorkbook.ByMonth, ComplianceWorkbook.Definitions], sheets);
        var strings = workbook.WorkbookPart.SharedStringTablePart?.SharedStringTable.InnerText ?? string.Empty;
        var inline = string.Concat(workbook.WorkbookPart.WorksheetParts.Select(p => p.Worksheet.InnerText));
        Assert.Contains("for elected members", strings + inline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportCsv_SocialWorker_403()
    {
        using var response = await SendAsync(DemoCouncil.KeyPeople.SocialWorkerChesterfield, "/api/dashboard/export?format=csv");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Export_UnknownFormat_400()
    {
        using var response = await SendAsync(Director, "/api/dashboard/export?format=pdf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("format 'pdf'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WrongAudienceTenantOrExpired_401AndNoFigures()
    {
        string[] tokens =
        [
            council.Entra.CreateToken(Director.Value, audience: "00000003-0000-0000-c000-000000000000"),
            council.Entra.CreateToken(Director.Value, tenant: QaBot.Testing.Identity.TestEntraAuthority.OtherTenantId),
            council.Entra.CreateToken(Director.Value, issuedAt: DemoCouncilFixture.Now.AddHours(-3)),
            council.Entra.CreateToken(Director.Value, unpublishedKey: true),
            council.Entra.CreateToken(Director.Value, scope: "User.Read"),
        ];
        foreach (var token in tokens)
        {
            using var client = council.Host.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/dashboard");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.DoesNotContain("onTime", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private static IEnumerable<int> Counts(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Number && property.Name is "due" or "onTime" or "late" or "notApplicable" or "closedOther" or "open" or "overdue" or "count")
                {
                    yield return property.Value.GetInt32();
                }
                else
                {
                    foreach (var n in Counts(property.Value))
                    {
                        yield return n;
                    }
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var n in element.EnumerateArray().SelectMany(Counts))
            {
                yield return n;
            }
        }
    }

    [Fact]
    public async Task Assurance_DirectorSeesTheProgrammeAsCounts_AnAuditorTheirOwnCases_AMemberNothing()
    {
        var officer = await ArrangeAuditAsync();

        var director = await GetJsonAsync(Director, "/api/dashboard/assurance");
        var audits = director.GetProperty("audits");
        Assert.True(audits.GetProperty("programme").GetBoolean());
        var audit = Assert.Single(audits.GetProperty("items").EnumerateArray(), a => a.GetProperty("title").GetString() == "Placement stability");
        Assert.Equal((2, 0, 0), (audit.GetProperty("cases").GetInt32(), audit.GetProperty("recorded").GetInt32(), audit.GetProperty("moderated").GetInt32()));
        Assert.Equal(0, audit.GetProperty("yoursToRecord").GetArrayLength());
        Assert.DoesNotContain("9400001", director.GetRawText(), StringComparison.Ordinal);
        Assert.StartsWith("this quarter", director.GetProperty("reviews").GetProperty("periodText").GetString(), StringComparison.Ordinal);

        var auditor = await GetJsonAsync(officer, "/api/dashboard/assurance");
        Assert.False(auditor.GetProperty("audits").GetProperty("programme").GetBoolean());
        var own = Assert.Single(auditor.GetProperty("audits").GetProperty("items").EnumerateArray());
        Assert.Equal(["9400001"], own.GetProperty("yoursToRecord").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(1, own.GetProperty("cases").GetInt32());
        Assert.DoesNotContain("9400002", auditor.GetRawText(), StringComparison.Ordinal);

        var member = await GetJsonAsync(DemoCouncil.KeyPeople.ElectedMember, "/api/dashboard/assurance");
        Assert.Equal(0, member.GetProperty("reviews").GetProperty("held").GetInt32());
        Assert.Equal(0, member.GetProperty("audits").GetProperty("items").GetArrayLength());
    }

    /// <summary>An audit of two cases for two QA officers, due after the demo month; arranged once however often asked.</summary>
    private async Task<PersonId> ArrangeAuditAsync()
    {
        var snapshot = await council.Services.GetRequiredService<IDirectoryStore>().GetSnapshotAsync();
        var officers = snapshot.People.Select(p => p.Value).Where(p => p.Active && p.JobTitle == "Quality Assurance Officer").OrderBy(p => p.Id.Value, StringComparer.Ordinal).Take(2).ToList();
        var yaml = $"""
            title: Placement stability
            kind: multi-agency
            linesOfEnquiry:
              - Are placement moves planned with the child?
            due: 2027-01-15
            cases:
              - reference: "9400001"
                auditor: {officers[0].Upn}
              - reference: "9400002"
                auditor: {officers[1].Upn}
            """;
        var created = await council.Services.GetRequiredService<QaBot.Application.Assurance.AuditProgramme>().CreateAsync(
            yaml, "placements.yaml", QaBot.Core.Tracking.Actor.Operator("qa.lead@derbyshire.example"), DemoCouncilFixture.Now, new QaBot.Core.Tracking.AuditOrigin("test", null), dryRun: false, CancellationToken.None);
        Assert.Empty(created.Problems);
        return officers[0].Id;
    }

    private async Task<JsonElement> GetJsonAsync(PersonId person, string path)
    {
        using var response = await SendAsync(person, path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<HttpResponseMessage> SendAsync(PersonId person, string path)
    {
        using var client = council.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", council.Entra.CreateToken(person.Value));
        return await client.SendAsync(request);
    }
}

/// <summary>Local development: no app id and no client id, the dashboard acts as the configured demo person for callers on this machine.</summary>
[Trait("Category", "Storage")]
public sealed class DashboardLocalModeTests(DashboardFixture council) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task Get_LocalModeFromLoopback_TheConfiguredPersonsView()
    {
        var settings = council.Settings;
        settings["Dashboard:LocalPerson"] = DemoCouncil.KeyPeople.DirectorEarlyHelp.Value;
        using var host = new BotHost(authenticated: false, replaceHandler: false, settings: settings, now: DemoCouncilFixture.Now);
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/api/dashboard");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("childrens-services.early-help-and-safeguarding", json.GetProperty("area").GetProperty("id").GetString());
    }
}
