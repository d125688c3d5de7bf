using System;
using System.Collections.Generic;
using System.Linq;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Serialization;
using static LlamaCloud.Chat.Tests.Support.TestUtil;

namespace LlamaCloud.Chat.Tests.Support
{
    internal static class SessionReadAgreement
    {
        internal static (List<string>? Events, string? Error) Outcome(Func<IEnumerable<ChatEvent>> read)
        {
            try
            {
                return (JsonOracle.ObserveAll(read()), null);
            }
            catch (InvalidSessionJsonException ex)
            {
                return (null, Normalized(ex.Message));
            }
        }

        // Utf8JsonReader quotes a bad literal with everything up to the end of its buffer, which depends on where a chunk ends.
        private static string Normalized(string message)
        {
            const string Marker = " is an invalid JSON literal.";
            var at = message.IndexOf(Marker, StringComparison.Ordinal);
            // The quoted literal opens the reader's words: right after "(" or after the "...of the body: " that names the event.
            var open = message.IndexOf("('", StringComparison.Ordinal);
            var named = message.IndexOf(" of the body: '", StringComparison.Ordinal);
            var quote = named >= 0 && named < at ? named + " of the body: ".Length : open >= 0 && open < at ? open + 1 : -1;
            return at > 0 && quote >= 0 ? message.Substring(0, quote) + "<literal>" + message.Substring(at) : message;
        }

        internal static IEnumerable<ChatEvent> Chunked(byte[] body, int[] sizes, bool keep)
        {
            var reader = new SessionReader("ses-1", keep ? new KeptEvents() : new StreamedEvents(null));
            var output = new List<ChatEvent>();
            var content = new System.Net.Http.StreamContent(new TrickleStream(body, sizes));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content };
            using var ctx = new AttemptContext(1, TimeSpan.FromSeconds(60), System.Threading.CancellationToken.None);
            ResponseBody.ReadSessionAsync(response, reader, batch => { output.AddRange(batch); return System.Threading.Tasks.Task.CompletedTask; }, ctx)
                .GetAwaiter().GetResult();
            // A kept read hands nothing out: its events are the session's; a streamed one keeps none.
            if (!keep) return output;
            Assert.Empty(output);
            return reader.Session.Events ?? (IEnumerable<ChatEvent>)Array.Empty<ChatEvent>();
        }

        internal static IEnumerable<ChatEvent> Lazy(byte[] body, int[] sizes) =>
            FetchWhole(body, "ses-1", sizes).Events ?? (IEnumerable<ChatEvent>)Array.Empty<ChatEvent>();

        internal const string AfterEnd = "The response has unexpected data after the end of the session.";

        internal static void CheckBody(byte[] body, Random r, string label)
        {
            var (expected, truncated, notASession) = JsonOracle.Read(body);
            var whole = Outcome(() =>
            {
                var reader = new SessionReader("ses-1", new KeptEvents());
                var output = new List<ChatEvent>();
                reader.Read(body, true, output);
                return output;
            });
            if (expected != null)
            {
                Assert.True(whole.Error == null, $"{label}: the reader accepts it, the session read says: {whole.Error}");
                Assert.True(expected.SequenceEqual(whole.Events!), $"{label}: events differ from the reader's\n{string.Join("\n", expected)}\n--\n{string.Join("\n", whole.Events!)}");
            }
            else if (notASession)
            {
                Assert.True(whole.Error != null, $"{label}: valid JSON but no session, and accepted");
            }
            else if (whole.Error == null)
            {
                Assert.Fail($"{label}: the reader refuses it, the session read accepted it");
            }
            else if (whole.Error.StartsWith("The response body ended", StringComparison.Ordinal) || whole.Error.StartsWith("The response is not valid JSON", StringComparison.Ordinal))
            {
                Assert.True(truncated == whole.Error.Contains("truncated"), $"{label}: truncated is {truncated}, the session read says: {whole.Error}");
            }
            for (var k = 0; k < 3; k++)
            {
                var sizes = Enumerable.Range(0, r.Next(1, 6)).Select(_ => r.Next(3) == 0 ? r.Next(1, 4) : r.Next(1, 80)).ToArray();
                var keep = k != 1;
                var chunked = Outcome(() => Chunked(body, sizes, keep));
                var tag = $"{label} in chunks of {string.Join(",", sizes)} (keep {keep})";
                // A streamed read stops at the session's closing brace (ResponseBody, unchanged by the scanner).
                if (whole.Error == AfterEnd && chunked.Error == null) continue;
                Assert.True(whole.Error == chunked.Error, $"{tag}: whole says {whole.Error ?? "ok"}, chunked {chunked.Error ?? "ok"}");
                if (whole.Error == null) Assert.True(whole.Events!.SequenceEqual(chunked.Events!), $"{tag}: events differ");
            }
            if (whole.Error == null) CheckFilters(body, whole.Events!, r, label);
            // An export builds nothing and only validates: it must accept and refuse exactly the same bodies.
            var validated = Outcome(() =>
            {
                var reader = new SessionReader("ses-1", SummaryOnly.Instance);
                var output = new List<ChatEvent>();
                reader.Read(body, true, output);
                Assert.Empty(output);
                return output;
            });
            Assert.True(whole.Error == validated.Error, $"{label}: whole says {whole.Error ?? "ok"}, an export's read {validated.Error ?? "ok"}");
            var sizesLazy = Enumerable.Range(0, r.Next(1, 6)).Select(_ => r.Next(1, 80)).ToArray();
            var lazy = Outcome(() => Lazy(body, sizesLazy));
            if (whole.Error == AfterEnd && lazy.Error == null) return;
            Assert.True(whole.Error == lazy.Error, $"{label} lazy in chunks of {string.Join(",", sizesLazy)}: whole says {whole.Error ?? "ok"}, lazy {lazy.Error ?? "ok"}");
            if (whole.Error == null) Assert.True(whole.Events!.SequenceEqual(lazy.Events!), $"{label} lazy: events differ");
        }

        private static readonly EventFilter[] Filters =
        {
            new EventFilter(new[] { "text" }, null), new EventFilter(new[] { "unknown" }, null), new EventFilter(new[] { "citation" }, null),
            new EventFilter(new[] { "stop", "text_delta" }, null), new EventFilter(null, new[] { "n*" }), new EventFilter(new[] { "tool_call" }, new[] { "*" }),
            new EventFilter(new[] { "unknown", "citation" }, null), new EventFilter(new[] { "thinking", "user_input", "tool_result" }, null),
        };

        // A filtered read (whole, chunked, skipping a resumed download's first events) and a lazy session's Select must
        // give exactly the events of the unfiltered read that the filter matches.
        private static void CheckFilters(byte[] body, List<string> all, Random r, string label)
        {
            var unfiltered = new SessionReader("ses-1", new KeptEvents());
            var built = new List<ChatEvent>();
            unfiltered.Read(body, true, built);
            var filter = Filters[r.Next(Filters.Length)];
            var skip = r.Next(3) == 0 ? r.Next(0, built.Count + 1) : 0;
            var expected = JsonOracle.ObserveAll(built.Where(e => filter.Matches(e) && e.Index >= skip));
            var reader = new SessionReader("ses-1", new StreamedEvents(filter, skip));
            var output = new List<ChatEvent>();
            reader.Read(body, true, output);
            Assert.True(expected.SequenceEqual(JsonOracle.ObserveAll(output)), $"{label}: filter #{Array.IndexOf(Filters, filter)} skip {skip}: the filtered read differs\n{string.Join("\n", expected)}\n--\n{string.Join("\n", JsonOracle.ObserveAll(output))}");
            Assert.Equal(built.Count, reader.EventsSeen);

            var sizes = new[] { r.Next(1, 40), r.Next(1, 40) };
            var content = new System.Net.Http.StreamContent(new TrickleStream(body, sizes));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content };
            using var ctx = new AttemptContext(1, TimeSpan.FromSeconds(60), System.Threading.CancellationToken.None);
            var lazyReader = ChatApi.WholeSessionReader("ses-1");
            ResponseBody.ReadSessionAsync(response, lazyReader, null, ctx).GetAwaiter().GetResult();
            var lazy = ((LazyEvents?)lazyReader.Session.Lazy);
            if (lazy == null) return;
            var selected = JsonOracle.ObserveAll(lazy.Select(filter));
            var expectedAll = JsonOracle.ObserveAll(built.Where(e => filter.Matches(e)));
            Assert.True(expectedAll.SequenceEqual(selected), $"{label}: filter #{Array.IndexOf(Filters, filter)}: the lazy session's Select differs\n{string.Join("\n", expectedAll)}\n--\n{string.Join("\n", selected)}");
            Assert.True(all.SequenceEqual(JsonOracle.ObserveAll(lazy.Enumerate())), $"{label}: Enumerate differs");
            Assert.True(all.SequenceEqual(JsonOracle.ObserveAll(lazy.All)), $"{label}: All differs");
        }
    }
}
