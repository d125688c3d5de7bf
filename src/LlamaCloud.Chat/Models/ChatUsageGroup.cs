namespace LlamaCloud.Chat
{
    /// <summary>How Get-LlamaChatUsage groups its rows.</summary>
    public enum ChatUsageGroup
    {
        /// <summary>One row for all the sessions given.</summary>
        None,
        /// <summary>One row per UTC day of the sessions' last update (the API has no per-event times).</summary>
        Day,
        /// <summary>One row per session.</summary>
        Session,
        /// <summary>One row per index a session is bound to (a session bound to two counts in both; unbound sessions under an empty key).</summary>
        Index,
        /// <summary>One row per tool: its calls and errors, and the turns and sessions that called it.</summary>
        Tool,
    }
}
