using System;
using System.Linq;
using System.Text;
using static LlamaCloud.Chat.Tests.Support.TestUtil;

namespace LlamaCloud.Chat.Tests.Support
{
    internal static class SessionBodies
    {
        private static readonly string[] Names = { "type", "content", "call_id", "name", "arguments", "result", "error", "is_error", "usage", "x" };

        private static readonly string[] Types = { "text", "text_delta", "thinking", "thinking_delta", "user_input", "tool_call", "tool_result", "stop", "citation", "" };

        internal static string Ws(Random r) => r.Next(6) switch { 0 => " ", 1 => "\n\t", 2 => "\r\n ", _ => "" };

        internal static string Str(Random r)
        {
            var sb = new StringBuilder("\"");
            var n = r.Next(0, 24);
            for (var i = 0; i < n; i++)
            {
                switch (r.Next(14))
                {
                    case 0: sb.Append("\\\""); break;
                    case 1: sb.Append("\\n"); break;
                    case 2: sb.Append("\\u00").Append(r.Next(16).ToString("x")).Append(r.Next(16).ToString("X")); break;
                    case 3: sb.Append('\u00e9'); break;
                    case 4: sb.Append('\u007f'); break;
                    case 5: sb.Append("\ud83d\ude00"); break;
                    case 6: sb.Append("\\/"); break;
                    default: sb.Append((char)r.Next('a', 'z' + 1)); break;
                }
            }
            return sb.Append('"').ToString();
        }

        private static string Num(Random r) => r.Next(8) switch
        {
            0 => "0",
            1 => "-0",
            2 => "-0.0e+00",
            3 => "1E-7",
            _ => (r.Next(2) == 0 ? "-" : "") + r.Next(0, 100000) + (r.Next(3) == 0 ? "." + r.Next(0, 999) : "")
                 + (r.Next(4) == 0 ? (r.Next(2) == 0 ? "e" : "E") + (r.Next(3) switch { 0 => "-", 1 => "+", _ => "" }) + r.Next(0, 30) : ""),
        };

        // Near misses of the grammar, rarely: each body that has one must be refused.
        private static readonly string[] NearMisses =
        {
            "01", "-01", "00", "1.", "1e", "1e+", "-", ".5", "+1", "1.e5", "0x1", "tru", "nul", "fals", "truex", "nulll", "True",
            "\"\\x\"", "\"\\u12G4\"", "\"a\tb\"", "[1,]", "{\"a\":1,}", "{\"a\"}", "[,]", "1/", "NaN", "\u00a0" + "1",
        };

        private static string Value(Random r, int depth)
        {
            if (r.Next(60) == 0) return NearMisses[r.Next(NearMisses.Length)];
            switch (r.Next(depth > 8 ? 5 : 9))
            {
                case 0: return Str(r);
                case 1: return Num(r);
                case 2: return "true";
                case 3: return "false";
                case 4: return "null";
                case 5:
                case 6: return Obj(r, depth + 1, false);
                default: return "[" + string.Join(",", Enumerable.Range(0, r.Next(0, 4)).Select(_ => Ws(r) + Value(r, depth + 1) + Ws(r))) + "]";
            }
        }

        private static string Obj(Random r, int depth, bool isEvent)
        {
            var members = Enumerable.Range(0, r.Next(0, 5)).Select(_ =>
            {
                var name = Names[r.Next(Names.Length)];
                if (r.Next(20) == 0) name = "t\\u0079pe";
                var value = name == "type" && r.Next(4) > 0 ? "\"" + Types[r.Next(Types.Length)] + "\"" : Value(r, depth);
                return Ws(r) + "\"" + name + "\"" + Ws(r) + ":" + Ws(r) + value + Ws(r);
            }).ToList();
            if (isEvent && r.Next(3) > 0) members.Add("\"type\":\"" + Types[r.Next(Types.Length)] + "\"");
            return "{" + string.Join(",", members) + "}";
        }

        private static string Deep(Random r, int levels)
        {
            var open = new StringBuilder();
            var close = new StringBuilder();
            for (var i = 0; i < levels; i++)
            {
                if (r.Next(2) == 0) { open.Append("{\"a\":"); close.Insert(0, "}"); }
                else { open.Append('['); close.Insert(0, "]"); }
            }
            return open + "1" + close;
        }

        private static string Event(Random r)
        {
            switch (r.Next(12))
            {
                case 0: return Value(r, 0); // any value, primitives included
                case 1: return "{\"type\":\"text\",\"content\":" + Deep(r, r.Next(60, 70)) + "}";
                case 2: return "{\"type\":\"tool_call\",\"call_id\":\"c\",\"name\":\"n\",\"arguments\":" + Deep(r, r.Next(1, 8)) + "}";
                case 3:
                {
                    // Two type members, one of them not a string, in an event only the reader can read (too deep for the scanner).
                    var first = r.Next(2) == 0 ? "type" : "t\\u0079pe";
                    var deep = Deep(r, r.Next(64, 68));
                    return r.Next(2) == 0
                        ? "{\"" + first + "\":\"" + Types[r.Next(Types.Length)] + "\",\"content\":\"c\",\"name\":\"n\",\"type\":" + deep + "}"
                        : "{\"type\":" + deep + ",\"content\":\"c\",\"" + first + "\":\"" + Types[r.Next(Types.Length)] + "\"}";
                }
                default: return Obj(r, 1, true);
            }
        }

        // An event that is valid JSON (the generator sometimes writes a near miss on purpose).
        internal static string ValidEvent(Random r)
        {
            while (true)
            {
                var e = Event(r);
                if (JsonOracle.Read(Utf8("{\"events\":[" + e + "]}")).Events != null) return e;
            }
        }

        internal static string Body(Random r)
        {
            var events = string.Join(",", Enumerable.Range(0, r.Next(0, 8)).Select(_ => Ws(r) + Event(r) + Ws(r)));
            var array = "[" + (events.Length == 0 ? Ws(r) : events) + "]";
            var sb = new StringBuilder("{" + Ws(r));
            switch (r.Next(6))
            {
                case 0: sb.Append("\"events\":").Append(array).Append(",\"session_id\":\"s\""); break;
                case 1: sb.Append("\"session_id\":\"s\",\"events\"").Append(Ws(r)).Append(':').Append(Ws(r)).Append(array).Append(Ws(r)).Append(",\"events\":[{\"type\":\"stop\"}]"); break;
                case 2: sb.Append("\"session_id\":\"s\",\"events\":null"); break;
                default: sb.Append("\"session_id\":\"s\",\"events\":").Append(array).Append(Ws(r)).Append(",\"generated_title\":").Append(Str(r)).Append(",\"job_metadata\":{\"turns\":2}"); break;
            }
            return sb.Append(Ws(r)).Append('}').Append(r.Next(4) == 0 ? "\n" : "").ToString();
        }

        private static readonly byte[] Alphabet = Utf8("{}[]\",:\\ \t\n-+.0123456789eEtrufalsn/\u0001xyz\u00e9").Concat(new byte[] { 0x7f, 0x80, 0xff, 0x0c, 0x00 }).ToArray();

        internal static byte[] Mutate(Random random, byte[] doc)
        {
            var list = doc.ToList();
            var edits = random.Next(1, 3);
            for (var k = 0; k < edits; k++)
            {
                var at = random.Next(list.Count + 1);
                switch (random.Next(4))
                {
                    case 0: list.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                    case 1: if (at < list.Count) list.RemoveAt(at); break;
                    case 2: if (at < list.Count) list[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                    default: list.RemoveRange(at, list.Count - at); break; // cut off
                }
            }
            return list.ToArray();
        }

        internal static string Nested(int levels) => new string('[', levels) + "1" + new string(']', levels);

        /// <summary>The GA API's shapes (docs/api.md): shared_access, skipped_index_ids (one stop typed, one classified by its shape),
        /// export_config_ids.</summary>
        internal static readonly string GaSession = Q("{'events':[{'content':'q','type':'user_input'},"
            + "{'error':null,'is_error':false,'usage':{'turns':1},'skipped_index_ids':['idx-a','idx-b'],'type':'stop'},"
            + "{'is_error':false,'usage':{'turns':1},'skipped_index_ids':['idx-c']}],"
            + "'last_updated_at':'2026-04-22T12:34:41.342245','session_id':'ses-1','shared_access':'read_only','generated_title':null,"
            + "'index_ids':null,'job_metadata':{'export_config_ids':['exp-1','exp-2'],'turns':1}}");

        /// <summary>Ten content events; "needle" in events 3 and 7, and event 5 holds it escaped (\u006eeedle).</summary>
        internal static readonly string NeedleDocument = Q("{'session_id':'ses-s','events':[" + string.Join(",", Enumerable.Range(0, 10).Select(i =>
            i == 3 || i == 7 ? "{'content':'a needle " + i + "','type':'text_delta'}"
            : i == 5 ? "{'content':'an \\u006eeedle','type':'text'}"
            : "{'content':'hay " + i + "','type':'text_delta'}")) + "]}");
    }
}
