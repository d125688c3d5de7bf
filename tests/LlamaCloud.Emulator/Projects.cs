namespace LlamaCloud.Emulator;

/// <summary>
/// Project scoping. Every session belongs to a project: the fixtures (and everything a test adds without naming one)
/// to the key's default project, <c>ses-other</c> to <c>proj-other</c>. A request's <c>project_id</c> that names a
/// project owning sessions addresses that project; any other value, or none, the default one (so tests may send any
/// project id and still see the fixtures). A session of another project answers exactly like one that does not
/// exist: 404 <c>{"detail":"Session not found"}</c>, and it is absent from the list (docs/api.md: the reference is
/// silent on this, and a 404 reveals nothing about other projects).
/// </summary>
static class Projects
{
    public const string Other = "proj-other";
    public const string OtherSessionId = "ses-other";

    /// <summary>The project a request addresses; null for the default project.</summary>
    public static string? Requested(HttpContext ctx, Emulator em)
    {
        string project = ctx.Request.Query["project_id"].ToString();
        return project.Length > 0 && em.Sessions.IsKnownProject(project) ? project : null;
    }

    /// <summary>ses-other: an ordinary one-turn session of proj-other (never in the default project's list).</summary>
    public static StoredSession OtherProjectSession()
    {
        var meta = new SessionMeta(OtherSessionId, SessionJson.ParseTimestamp("2026-04-23T08:00:00.000001"), SessionJson.Quote("Another project's session"),
            """["idx-other"]""",
            """{"duration_ms":10.0,"error":null,"export_config_ids":["exp-other"],"is_error":false,"total_input_tokens":3,"total_output_tokens":4,"turns":1}""")
        { SharedAccess = "query" };
        var built = SessionJson.Build(meta, e =>
        {
            e.Content("user_input", "Another project's session");
            e.Content("text", "Only proj-other sees this.");
            e.Stop(null, false, """{"duration_ms":10.0,"total_input_tokens":3,"total_output_tokens":4,"turns":1}""");
        });
        return new StoredSession(built.Id, built.Body, built.Summary, built.SortTime, listed: true) { Project = Other };
    }
}
