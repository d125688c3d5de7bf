using System;
using System.Collections.Generic;
using System.Linq;

namespace LlamaCloud.Chat.Tests.Architecture
{
    /// <summary>The layers of docs/architecture.md, checked on the built assembly: references run only downwards.</summary>
    public class LayerTests
    {
        // rank: a namespace may depend only on namespaces of a lower rank (and on itself).
        private static readonly Dictionary<string, int> Rank = new Dictionary<string, int>
        {
            ["LlamaCloud.Chat.Module"] = 7,
            ["LlamaCloud.Chat.Commands"] = 6,
            ["LlamaCloud.Chat.Archive"] = 5,
            ["LlamaCloud.Chat.Telemetry"] = 5,
            ["LlamaCloud.Chat.Transcripts"] = 5,
            ["LlamaCloud.Chat.Analytics"] = 5,
            ["LlamaCloud.Chat.Api"] = 4,
            ["LlamaCloud.Chat.Turns"] = 4,
            ["LlamaCloud.Chat.Redaction"] = 4,
            ["LlamaCloud.Chat.Http"] = 3,
            ["LlamaCloud.Chat.Serialization"] = 3,
            ["LlamaCloud.Chat.Connection"] = 2,
            ["LlamaCloud.Chat"] = 1,
        };

        private static readonly Type[] Module = { typeof(ChatSession) };

        private static string NamespaceOf(Type t)
        {
            while (t.DeclaringType != null) t = t.DeclaringType;
            return t.Namespace ?? "";
        }

        // Compiler-generated types outside any namespace (<PrivateImplementationDetails>, embedded attributes) belong to no layer.
        private static bool InLayer(Type t) => Rank.ContainsKey(NamespaceOf(t));

        [Fact]
        public void EveryTypeIsInALayer()
        {
            var assembly = Module[0].Assembly;
            var outside = assembly.GetTypes().Where(t => t.DeclaringType == null && !InLayer(t)
                    && !t.Name.StartsWith("<", StringComparison.Ordinal) && t.Namespace != "System.Runtime.CompilerServices"
                    && t.Namespace != "Microsoft.CodeAnalysis")
                .Select(t => t.FullName).OrderBy(n => n).ToList();
            Assert.Empty(outside);
        }

        [Fact]
        public void ReferencesRunOnlyDownwards()
        {
            var wrong = new SortedSet<string>();
            foreach (var (from, to, where) in AssemblyReferences.Of(Module[0].Assembly))
            {
                if (!InLayer(from) || !InLayer(to)) continue;
                string a = NamespaceOf(from), b = NamespaceOf(to);
                if (a == b || Rank[a] > Rank[b]) continue;
                wrong.Add($"{a} ({Rank[a]}) -> {b} ({Rank[b]}): {Outer(from).FullName} uses {Outer(to).FullName} ({where})");
            }
            Assert.True(wrong.Count == 0, "References that run up or sideways:\n" + string.Join("\n", wrong));
        }

        // The reader must see real references, or the test above passes on nothing: a cmdlet calls the API layer,
        // the API layer the serializer, the serializer builds models (in IL, not only in signatures).
        [Fact]
        public void TheReaderSeesReferencesInCodeAndSignatures()
        {
            var edges = AssemblyReferences.Of(Module[0].Assembly)
                .Select(r => (NamespaceOf(r.From), NamespaceOf(r.To), r.Where.Split(' ')[0]))
                .Distinct().ToList();
            Assert.Contains(("LlamaCloud.Chat.Commands", "LlamaCloud.Chat.Api", "code"), edges);
            Assert.Contains(("LlamaCloud.Chat.Api", "LlamaCloud.Chat.Serialization", "code"), edges);
            Assert.Contains(("LlamaCloud.Chat.Serialization", "LlamaCloud.Chat", "code"), edges);
            Assert.Contains(("LlamaCloud.Chat.Commands", "LlamaCloud.Chat.Connection", "field"), edges);
        }

        private static Type Outer(Type t)
        {
            while (t.DeclaringType != null) t = t.DeclaringType;
            return t;
        }
    }
}
