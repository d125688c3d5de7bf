using System;
using System.Collections.Generic;
using System.Globalization;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>
    /// Get-LlamaChatUsage's rows: whole sessions' usage merged into groups (a day of the sessions' last update, a session,
    /// an index the session is bound to, a tool). Holds one small row per group, never a session's events or turns.
    /// </summary>
    internal sealed class UsageAccumulator
    {
        private readonly ChatUsageGroup _group;
        private readonly SortedDictionary<string, ChatUsage> _rows = new SortedDictionary<string, ChatUsage>(StringComparer.Ordinal);

        internal UsageAccumulator(ChatUsageGroup group)
        {
            _group = group;
        }

        /// <summary>Adds a session read to its end; <paramref name="session"/> carries its fields (last update, indexes) when known.</summary>
        internal void Add(SessionUsage usage, ChatSession? session)
        {
            switch (_group)
            {
                case ChatUsageGroup.Tool:
                    foreach (var tool in usage.Tools) Merge(Row(tool.Key, null), tool.Value);
                    break;
                case ChatUsageGroup.Index:
                    var ids = session?.IndexIds;
                    if (ids == null || ids.Count == 0) Merge(Row(string.Empty, null), usage.Total);
                    else foreach (var id in new HashSet<string>(ids, StringComparer.Ordinal)) Merge(Row(id, null), usage.Total);
                    break;
                case ChatUsageGroup.Day:
                    DateTime? day = session?.LastUpdatedAtText != null ? session.LastUpdatedAt.Date : (DateTime?)null;
                    Merge(Row(day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty, day), usage.Total);
                    break;
                case ChatUsageGroup.Session:
                    Merge(Row(usage.SessionId, null), usage.Total);
                    break;
                default:
                    Merge(Row(string.Empty, null), usage.Total);
                    break;
            }
        }

        /// <summary>The rows in key order (days ascending).</summary>
        internal IEnumerable<ChatUsage> Rows => _rows.Values;

        private ChatUsage Row(string key, DateTime? day)
        {
            if (!_rows.TryGetValue(key, out var row))
            {
                row = new ChatUsage(_group, key) { Day = day.HasValue ? DateTime.SpecifyKind(day.Value, DateTimeKind.Utc) : (DateTime?)null };
                _rows[key] = row;
            }
            return row;
        }

        private static void Merge(ChatUsage row, SessionUsage.Part part)
        {
            row.Sessions++;
            row.Turns += part.Turns;
            row.InputTokens += part.InputTokens;
            row.OutputTokens += part.OutputTokens;
            row.Errors += part.Errors;
            row.ToolCalls += part.ToolCalls;
            row.ToolErrors += part.ToolErrors;
        }
    }
}
