using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Connection;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// Completes -Name with tool names, never file names: those of the sessions named on the command line (-SessionId,
    /// read once as a stream of tool calls, within a short budget, cached briefly), then those this runspace has seen
    /// in its commands' output. Any failure or slowness completes from what was seen, silently.
    /// </summary>
    public sealed class ToolNameCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1.5);
        private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);
        private static readonly object Gate = new object();
        private static readonly Dictionary<string, (DateTime At, List<string> Names)> Cache = new Dictionary<string, (DateTime, List<string>)>();

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var offered = new HashSet<string>(StringComparer.Ordinal);
            var results = new List<CompletionResult>();
            foreach (var (name, tip) in Candidates(fakeBoundParameters))
            {
                if (!name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || !offered.Add(name)) continue;
                var text = name.Length == 0 || name.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ';', '(', ')', '{', '}', ',', '&', '|', '@', '#', '*', '?', '[', ']' }) >= 0
                    ? "'" + name.Replace("'", "''") + "'" : name;
                results.Add(new CompletionResult(text, name, CompletionResultType.ParameterValue, tip));
            }
            return results;
        }

        private static IEnumerable<(string Name, string Tip)> Candidates(IDictionary fakeBoundParameters)
        {
            foreach (var id in SessionIds(fakeBoundParameters))
            {
                foreach (var name in FromSession(id, fakeBoundParameters)) yield return (name, Messages.ToolInSession(id));
            }
            foreach (var name in ToolNamesSeen.Snapshot()) yield return (name, Messages.ToolSeen());
        }

        private static IEnumerable<string> SessionIds(IDictionary fakeBoundParameters)
        {
            foreach (var key in new[] { "SessionId", "Id" })
            {
                var value = PSValue.Unwrap(fakeBoundParameters[key]);
                if (value is string s) yield return s;
                else if (value is IEnumerable many)
                {
                    foreach (var v in many)
                    {
                        if (PSValue.AsString(v) is { } one) yield return one;
                    }
                }
            }
        }

        private static List<string> FromSession(string id, IDictionary fakeBoundParameters)
        {
            var options = CompleterConnection.Options(fakeBoundParameters);
            if (options == null || string.IsNullOrWhiteSpace(id)) return new List<string>();
            var key = SessionIdCompleter.CacheKey(options) + "|" + id;
            lock (Gate)
            {
                if (Cache.TryGetValue(key, out var hit) && DateTime.UtcNow - hit.At < CacheFor) return hit.Names;
            }
            var names = new List<string>();
            try
            {
                options.Timeout = Budget;
                options.MaximumRetryCount = 0;
                var api = new ChatApi(new LlamaCloudClient(options, SilentLog.Instance));
                using var cts = new CancellationTokenSource(Budget);
                var channel = new EventChannel();
                var download = api.StreamEventsAsync(id, new EventFilter(new[] { ChatEventType.ToolCall }, null), channel, cts.Token);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (channel.ReadAsync(cts.Token).GetAwaiter().GetResult() is { } batch)
                {
                    foreach (var e in batch)
                    {
                        if (e is ToolCallEvent c && c.Name != null && seen.Add(c.Name)) names.Add(c.Name);
                    }
                }
                download.GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // A completer must never throw or print; the names seen so far (or none) are still offered.
            }
            lock (Gate)
            {
                if (Cache.Count > 64) Cache.Clear();
                Cache[key] = (DateTime.UtcNow, names);
            }
            return names;
        }

        private sealed class SilentLog : IClientLog
        {
            internal static readonly SilentLog Instance = new SilentLog();
            public void Verbose(string message) { }
            public void Debug(string message) { }
        }
    }
}
