namespace QaBot.Application.Organisation.Sync;

/// <summary>A user as the organisation's directory (Entra ID, through Microsoft Graph) gives them.</summary>
/// <param name="Id">The Entra object id.</param>
/// <param name="ManagerId">The object id of their manager, or null when none is set.</param>
/// <param name="HireDate">The employee hire date, where HR sets it.</param>
public sealed record DirectoryUser(
    string Id,
    string Upn,
    string DisplayName,
    string? JobTitle,
    string? Department,
    bool AccountEnabled,
    string? ManagerId,
    DateOnly? HireDate);
