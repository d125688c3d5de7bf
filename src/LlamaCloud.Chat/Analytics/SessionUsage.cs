using System.Collections.Generic;


namespace LlamaCloud.Chat.Analytics
{
    /// <summary>
    /// One session's usage, added up turn by turn as they stream past (turns are not kept): the session's totals, and the
    /// same per tool for the turns that called it.
    /// </summary>
    internal sealed class SessionUsage
    {
        internal SessionUsage(string sessionId)
        {
            SessionId = sessionId;
        }

        internal string SessionId { get; }

        internal Part Total { get; } = new Part();

        /// <summary>Per tool name: the turns that called it, and its own calls and errors.</summary>
        internal Dictionary<string, Part> Tools { get; } = new Dictionary<string, Part>(System.StringComparer.Ordinal);

        internal void AddTurn(ChatTurn turn)
        {
            Total.AddTurn(turn);
            HashSet<string>? seen = null;
            foreach (var c in turn.ToolCalls)
            {
                var failed = ToolResults.IsError(c.ResultJson);
                Total.ToolCalls++;
                if (failed) Total.ToolErrors++;
                var name = c.Name ?? string.Empty;
                if (!Tools.TryGetValue(name, out var part)) Tools[name] = part = new Part();
                part.ToolCalls++;
                if (failed) part.ToolErrors++;
                if ((seen ??= new HashSet<string>(System.StringComparer.Ordinal)).Add(name)) part.AddTurn(turn);
            }
        }

        /// <summary>Counts of a group of turns.</summary>
        internal sealed class Part
        {
            internal long Turns;
            internal long InputTokens;
            internal long OutputTokens;
            internal long Errors;
            internal long ToolCalls;
            internal long ToolErrors;

            internal void AddTurn(ChatTurn turn)
            {
                Turns++;
                InputTokens += turn.Usage?.TotalInputTokens ?? 0;
                OutputTokens += turn.Usage?.TotalOutputTokens ?? 0;
                if (turn.IsError) Errors++;
            }
        }
    }
}
