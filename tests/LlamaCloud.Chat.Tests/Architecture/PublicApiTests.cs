using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using LlamaCloud.Chat.Tests.Support;

namespace LlamaCloud.Chat.Tests.Architecture
{
    /// <summary>
    /// The public surface of the built assembly equals src/LlamaCloud.Chat/PublicAPI.txt, so that no type or member
    /// scripts can see appears, disappears or changes without a reviewed change to that file.
    /// Rewrite the file after an intended change: <c>dotnet pwsh ./tools/Update-PublicApi.ps1</c>.
    /// </summary>
    public class PublicApiTests
    {
        private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        [Fact]
        public void TheSurfaceIsTheCheckedInOne()
        {
            var file = Path.Combine(TestUtil.RepositoryRoot, "src", "LlamaCloud.Chat", "PublicAPI.txt");
            var actual = Surface(typeof(ChatSession).Assembly);
            if (Environment.GetEnvironmentVariable("LLAMA_CHAT_UPDATE_PUBLIC_API") == "1")
            {
                File.WriteAllText(file, string.Join("\n", actual) + "\n");
                return;
            }
            var expected = File.ReadAllLines(file).Where(l => l.Length > 0).ToList();
            var added = actual.Except(expected).ToList();
            var removed = expected.Except(actual).ToList();
            Assert.True(added.Count == 0 && removed.Count == 0,
                "The public API differs from src/LlamaCloud.Chat/PublicAPI.txt (run ./tools/Update-PublicApi.ps1 if intended).\n"
                + string.Join("\n", added.Select(l => "+ " + l).Concat(removed.Select(l => "- " + l))));
        }

        [Fact]
        public void TheSurfaceListsMembersAndTheirShapes()
        {
            var surface = Surface(typeof(ChatSession).Assembly);
            Assert.Contains("type LlamaCloud.Chat.ChatSession : System.Object (sealed class)", surface);
            Assert.Contains("property LlamaCloud.Chat.ChatSession.SessionId : System.String { get; }", surface);
            Assert.DoesNotContain(surface, l => l.Contains("LlamaCloud.Chat.Serialization.", StringComparison.Ordinal));
        }

        internal static List<string> Surface(Assembly assembly)
        {
            var lines = new List<string>();
            foreach (var t in assembly.GetExportedTypes())
            {
                var kind = t.IsEnum ? "enum" : t.IsValueType ? "struct" : t.IsInterface ? "interface" : t.IsAbstract && t.IsSealed ? "static class"
                    : t.IsAbstract ? "abstract class" : t.IsSealed ? "sealed class" : "class";
                var bases = new List<string>();
                if (t.BaseType != null && !t.IsEnum && !t.IsValueType) bases.Add(Name(t.BaseType));
                if (!t.IsEnum) bases.AddRange(t.GetInterfaces().Select(Name).OrderBy(n => n, StringComparer.Ordinal));
                lines.Add($"type {Name(t)}{(bases.Count > 0 ? " : " + string.Join(", ", bases) : "")} ({kind})");
                if (t.IsEnum)
                {
                    foreach (var n in Enum.GetNames(t)) lines.Add($"enum {Name(t)}.{n} = {Convert.ToInt64(Enum.Parse(t, n), System.Globalization.CultureInfo.InvariantCulture)}");
                    continue;
                }
                foreach (var c in t.GetConstructors(Declared).Where(Visible))
                    lines.Add($"ctor {Name(t)}({Parameters(c)})");
                foreach (var m in t.GetMethods(Declared).Where(m => Visible(m) && !m.IsSpecialName))
                    lines.Add($"method {Name(t)}.{m.Name}{Generic(m)}({Parameters(m)}) : {Name(m.ReturnType)}{(m.IsStatic ? " static" : "")}{(m.IsAbstract ? " abstract" : m.IsVirtual && !m.IsFinal ? " virtual" : "")}");
                foreach (var p in t.GetProperties(Declared))
                {
                    var get = p.GetMethod is { } g && Visible(g);
                    var set = p.SetMethod is { } s && Visible(s);
                    if (!get && !set) continue;
                    var index = p.GetIndexParameters();
                    var indexText = index.Length > 0 ? "[" + string.Join(", ", index.Select(i => Name(i.ParameterType))) + "]" : "";
                    lines.Add($"property {Name(t)}.{p.Name}{indexText} : {Name(p.PropertyType)} {{{(get ? " get;" : "")}{(set ? " set;" : "")} }}");
                }
                foreach (var f in t.GetFields(Declared).Where(f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly))
                    lines.Add($"field {Name(t)}.{f.Name} : {Name(f.FieldType)}{(f.IsLiteral ? " = " + Literal(f.GetRawConstantValue()) : f.IsInitOnly ? " readonly" : "")}{(f.IsStatic ? " static" : "")}");
                foreach (var e in t.GetEvents(Declared).Where(e => e.AddMethod != null && Visible(e.AddMethod)))
                    lines.Add($"event {Name(t)}.{e.Name} : {Name(e.EventHandlerType!)}");
            }
            lines.Sort(StringComparer.Ordinal);
            return lines;
        }

        private static bool Visible(MethodBase m) => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly;

        private static string Parameters(MethodBase m) => string.Join(", ", m.GetParameters().Select(p => Name(p.ParameterType) + " " + p.Name));

        private static string Generic(MethodInfo m) => m.IsGenericMethodDefinition ? "<" + string.Join(", ", m.GetGenericArguments().Select(a => a.Name)) + ">" : "";

        private static string Literal(object? value) => value switch
        {
            null => "null",
            string s => "\"" + s + "\"",
            _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
        };

        private static string Name(Type t)
        {
            if (t.IsGenericParameter) return t.Name;
            if (t.IsByRef) return Name(t.GetElementType()!) + "&";
            if (t.IsArray) return Name(t.GetElementType()!) + "[" + new string(',', t.GetArrayRank() - 1) + "]";
            if (t.IsGenericType)
            {
                var def = t.GetGenericTypeDefinition();
                var baseName = (def.FullName ?? def.Name);
                baseName = baseName.Substring(0, baseName.IndexOf('`', StringComparison.Ordinal));
                return baseName + "<" + string.Join(", ", t.GetGenericArguments().Select(Name)) + ">";
            }
            return (t.FullName ?? t.Name).Replace('+', '.');
        }
    }
}
