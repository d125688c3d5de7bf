namespace LlamaCloud.Chat.Analytics
{
    /// <summary>What one session adds up to, counted as its events and turns pass (the sessions table's row, a usage row).</summary>
    internal sealed class SessionTotals
    {
        internal long Events { get; private set; }
        internal int Turns { get; private set; }
        internal int ErrorTurns { get; private set; }
        internal long InputTokens { get; private set; }
        internal long OutputTokens { get; private set; }
        internal double DurationMs { get; private set; }
        internal int ToolCalls { get; private set; }
        internal int ToolErrors { get; private set; }

        internal void AddEvent() => Events++;

        /// <summary>Adds a turn, whose tool calls include <paramref name="toolErrors"/> failed ones.</summary>
        internal void AddTurn(ChatTurn turn, int toolErrors)
        {
            Turns++;
            if (turn.IsError) ErrorTurns++;
            InputTokens += turn.Usage?.TotalInputTokens ?? 0;
            OutputTokens += turn.Usage?.TotalOutputTokens ?? 0;
            DurationMs += turn.Usage?.DurationMs ?? 0;
            ToolCalls += turn.ToolCalls.Count;
            ToolErrors += toolErrors;
        }
    }
}
