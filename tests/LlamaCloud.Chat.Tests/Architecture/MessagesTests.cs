using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LlamaCloud.Chat.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LlamaCloud.Chat.Tests.Architecture
{
    /// <summary>
    /// Every text a user reads (an exception's or error record's message, a warning, a verbose or debug line, progress
    /// text, a ShouldProcess description) is built in its folder's Messages class (docs/architecture.md): a call site
    /// passes <c>Messages.Situation(values)</c>, never text of its own. The scan reads src/LlamaCloud.Chat/**/*.cs as
    /// syntax trees and fails on text written or built in place where such text goes.
    /// </summary>
    public class MessagesTests
    {
        // What truly is no message, though it is text that reaches one of the places below. Each entry is
        // "<path under src/LlamaCloud.Chat>: <the text's source>", exactly as the scan reports it.
        private static readonly HashSet<string> NotMessages = new HashSet<string>(StringComparer.Ordinal)
        {
            // Member names: MissingMethodException(className, methodName) and MissingMemberException(className, memberName)
            // build their own message from them.
            "Analytics/AssemblyLoadContextProxy.cs: \".ctor(string, bool)\"",
            "Analytics/AssemblyLoadContextProxy.cs: \"LoadFromAssemblyPath\"",
            "Analytics/AssemblyLoadContextProxy.cs: \"Resolving\"",
            // A file name: the Parquet writer's path, Path.Combine(folder, AssemblyName + ".dll").
            "Analytics/ParquetFormatLoader.cs: Messages.ParquetMissing(path)",
            // A file name: the transcript's file, Path.Combine(folder, FileNameFor(id, format)) (the id plus .md or .html),
            // as ShouldProcess's target and in the "already exists" message.
            "Commands/ExportLlamaChatTranscriptCommand.cs: file",
            "Commands/ExportLlamaChatTranscriptCommand.cs: Messages.FileExists(file)",
            // A wire value: -SharedAccess as the API spells it (read_only, query), shown in the ShouldProcess target.
            "Commands/NewLlamaChatSessionCommand.cs: Messages.NewSessionTarget(IndexId, shared)",
        };

        [Fact]
        public void NoUserFacingTextIsBuiltOutsideAMessagesClass()
        {
            var root = Path.Combine(TestUtil.RepositoryRoot, "src", "LlamaCloud.Chat");
            var scan = Scan(root);
            // The scan must see the real places text goes, or it passes on nothing.
            Assert.Contains(scan.Sinks, s => s.StartsWith("Commands/ConnectLlamaCloudCommand.cs: WriteVerbose(", StringComparison.Ordinal));
            Assert.Contains(scan.Sinks, s => s.StartsWith("Http/RequestAttempt.cs: ", StringComparison.Ordinal) && s.Contains("Verbose(", StringComparison.Ordinal));
            Assert.Contains(scan.Sinks, s => s.StartsWith("Serialization/SessionReader.cs: new InvalidSessionJsonException(", StringComparison.Ordinal));
            var found = scan.Findings.Where(f => !NotMessages.Contains(f.Key)).Select(f => f.Where).ToList();
            Assert.True(found.Count == 0, $"{found.Count} user-facing texts are built in place; build them in the folder's Messages class:\n" + string.Join("\n", found));
            var stale = NotMessages.Where(k => !scan.Findings.Any(f => f.Key == k)).ToList();
            Assert.True(stale.Count == 0, "Allow-list entries that no longer match anything:\n" + string.Join("\n", stale));
        }

        // The scan can fail: each planted line below builds text in place and must be reported, at its own line.
        [Fact]
        public void TheScanFindsTextBuiltInPlace()
        {
            var planted = new[]
            {
                "throw new InvalidOperationException($\"Session '{id}' is gone.\");",
                "throw new LlamaCloudException(\"Session \" + id + \" is gone.\", ErrorIds.NotFound, ErrorCategory.ObjectNotFound);",
                "WriteWarning(string.Format(CultureInfo.InvariantCulture, \"{0} skipped\", n));",
                "WriteVerbose(\"Reading the archive.\");",
                "WriteDebug(busy ? \"busy\" : $\"idle for {s} s\");",
                "throw new LlamaCloudException(ErrorText.Sentence($\"{Subject(id)}: failed\"), ErrorIds.X, ErrorCategory.ConnectionError);",
                "WriteWarning(Messages.Unknown(string.Join(\", \", names)));",
                "_log.Verbose($\"GET {uri}\");",
                "_log.Debug(\"retry \" + attempt);",
                "warn($\"The index '{path}' cannot be read.\");",
                "WriteProgress(new ProgressRecord(1, \"Exporting\", $\"{n} sessions\"));",
                "if (ShouldProcess(path, \"Write the file\")) { }",
                "record.ErrorDetails = new ErrorDetails($\"{path}: denied\");",
                "ThrowTerminatingError(new ErrorRecord(new ArgumentException(\"no key\"), ErrorIds.ApiKeyMissing, ErrorCategory.InvalidArgument, null));",
                "var message = $\"{a} and {b}\"; throw new IOException(message);",
                "string text; text = \"a\" + b; WriteWarning(text);",
                "record.ErrorDetails.RecommendedAction = \"Run Connect-LlamaCloud.\";",
                "progress.StatusDescription = $\"{n} of {total}\";",
                "using var shown = Client.Activity.Download($\"session '{id}'\", () => 0, null);",
                "throw new ArgumentException(Describe(x), nameof(x)); } string Describe(int x) => \"x is \" + x; void M2() {",
                "throw Invalid(\"-NoProxy cannot be combined with -Proxy.\"); } Exception Invalid(string message) => new LlamaCloudException(message, ErrorIds.X, ErrorCategory.InvalidArgument); void M3() {",
            };
            var source = "class C { void M() {\n" + string.Join("\n", planted) + "\n} }";
            var scan = ScanText("Planted.cs", source);
            var lines = scan.Findings.Select(f => int.Parse(f.Where.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).Distinct().OrderBy(l => l).ToList();
            Assert.Equal(Enumerable.Range(2, planted.Length).ToList(), lines);
        }

        // What is not built in place is not reported: a Messages call, a parameter name, an error id, a value passed on.
        [Fact]
        public void TheScanPassesMessagesCallsAndNames()
        {
            var clean = string.Join("\n",
                "throw new InvalidOperationException(Messages.SessionGone(id));",
                "throw new ArgumentException(Messages.BadPath(path), nameof(path));",
                "ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.ApiKeyMissing, ErrorCategory.InvalidArgument, Id));",
                "WriteVerbose(Redaction.Messages.Starting(redactor));",
                "var message = Messages.Retrying(n); _log.Verbose(message);",
                "record.ErrorDetails = new ErrorDetails(lc.Message);",
                "throw new IOException(ex.Message, ex);",
                "if (ShouldProcess(Id, Messages.RemoveAction())) { }",
                "WriteWarning(Messages.Skipped(TextSummary.OneLine(detail, 200)));");
            var scan = ScanText("Clean.cs", "class C { void M() {\n" + clean + "\n} }");
            Assert.Equal(9, scan.Sinks.Count);
            Assert.Empty(scan.Findings);
        }

        internal sealed class Finding
        {
            internal Finding(string key, string where) { Key = key; Where = where; }
            internal string Key { get; }   // file: text (for the allow-list)
            internal string Where { get; } // file:line: the call (for the failure message)
        }

        internal sealed class Result
        {
            internal List<string> Sinks { get; } = new List<string>();
            internal List<Finding> Findings { get; } = new List<Finding>();
        }

        internal static Result Scan(string root)
        {
            var result = new Result();
            foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal)) continue;
                if (Path.GetFileName(file) == "Messages.cs") continue;
                ScanText(relative, File.ReadAllText(file), result);
            }
            return result;
        }

        internal static Result ScanText(string name, string source, Result? into = null)
        {
            var result = into ?? new Result();
            var tree = CSharpSyntaxTree.ParseText(source);
            var root = tree.GetRoot();
            foreach (var node in root.DescendantNodes())
            {
                foreach (var (sink, texts) in TextsAt(node))
                {
                    result.Sinks.Add($"{name}: {sink}");
                    foreach (var text in texts)
                    {
                        foreach (var built in Built(text))
                        {
                            var line = built.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                            result.Findings.Add(new Finding($"{name}: {Flat(built)}", $"{name}:{line}: {Flat(built)}  (in {sink})"));
                        }
                    }
                }
            }
            return result;
        }

        private static readonly HashSet<string> TextMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "WriteWarning", "WriteVerbose", "WriteDebug", "ShouldProcess", "ShouldContinue",
            // The trace cmdlets' ShouldProcess for one batch sent to a receiver.
            "ShouldSend",
            // Delegates a lower layer is handed for its -Verbose lines and warnings (ArchiveLock, ArchiveIndex).
            "verbose", "warn",
        };

        // Receivers of Verbose/Debug/Warning that are the client's log (IClientLog), not some other Verbose.
        private static bool IsLog(ExpressionSyntax receiver) =>
            receiver.ToString().IndexOf("log", StringComparison.OrdinalIgnoreCase) >= 0;

        private static readonly HashSet<string> TextProperties = new HashSet<string>(StringComparer.Ordinal)
        {
            "StatusDescription", "CurrentOperation", "Activity", "RecommendedAction", "Recommendation",
        };

        /// <summary>The places user-facing text goes, each with the expressions that become that text.</summary>
        private static IEnumerable<(string Sink, IEnumerable<ExpressionSyntax> Texts)> TextsAt(SyntaxNode node)
        {
            switch (node)
            {
                case BaseObjectCreationExpressionSyntax create when create.ArgumentList != null:
                {
                    var type = create is ObjectCreationExpressionSyntax named ? Last(named.Type.ToString()) : TypeOfImplicit(create);
                    if (type != null && (type.EndsWith("Exception", StringComparison.Ordinal) || type == "ErrorRecord" || type == "ErrorDetails" || type == "ProgressRecord"))
                    {
                        var args = create.ArgumentList.Arguments.Select(a => a.Expression);
                        // An error record's text is its exception's (a sink of its own); of its own arguments only the
                        // error id is text, and the target is the object the error is about (a path, an id), not words.
                        if (type == "ErrorRecord") args = args.Skip(1).Take(1);
                        yield return ($"new {type}(", args);
                    }
                    break;
                }
                case InvocationExpressionSyntax call:
                {
                    string? method = null;
                    if (call.Expression is IdentifierNameSyntax id) method = id.Identifier.Text;
                    else if (call.Expression is MemberAccessExpressionSyntax member)
                    {
                        var m = member.Name.Identifier.Text;
                        if (TextMethods.Contains(m)) method = m;
                        else if ((m == "Verbose" || m == "Debug" || m == "Warning") && IsLog(member.Expression)) method = member.ToString();
                        else if ((m == "Download" || m == "Wait") && member.Expression.ToString().EndsWith("Activity", StringComparison.Ordinal)) method = member.ToString();
                    }
                    if (method != null && (TextMethods.Contains(method) || method.Contains('.', StringComparison.Ordinal)))
                    {
                        var args = call.ArgumentList.Arguments.Select(a => a.Expression);
                        // An activity's title is its first argument; the rest are numbers and callbacks.
                        if (method.EndsWith(".Download", StringComparison.Ordinal) || method.EndsWith(".Wait", StringComparison.Ordinal)) args = args.Take(1);
                        yield return ($"{method}(", args);
                    }
                    break;
                }
                case AssignmentExpressionSyntax assign:
                {
                    var target = assign.Left is MemberAccessExpressionSyntax ma ? ma.Name.Identifier.Text
                        : assign.Left is IdentifierNameSyntax name && assign.Parent is InitializerExpressionSyntax ? name.Identifier.Text : null;
                    if (target != null && TextProperties.Contains(target)) yield return ($"{target} =", new[] { assign.Right });
                    break;
                }
            }
        }

        private static string? TypeOfImplicit(BaseObjectCreationExpressionSyntax create) =>
            create.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax decl } } ? Last(decl.Type.ToString()) : null;

        private static string Last(string type) => type.Substring(type.LastIndexOf('.') + 1);

        /// <summary>
        /// The parts of <paramref name="e"/>, text given to a place a user reads, that write or build that text in place:
        /// a string literal, an interpolation, a concatenation, string.Format/Concat/Join, words chosen by a condition,
        /// text composed and handed through a call (ErrorText.Sentence($"..")), and, within the same file, locals, the
        /// text callers pass to a helper's parameter, and helpers that return composed text.
        /// </summary>
        private static IEnumerable<ExpressionSyntax> Built(ExpressionSyntax e, int depth = 0) => Text(e, depth, literal: true);

        // literal: whether a string literal on its own counts. It does where it is the text (the argument of a sink, a
        // local that becomes it, a branch of a condition that chooses it); it does not as the argument of any other
        // call (t.IndexOf("<title>"), n.ToString("N0")), where only composed text does.
        private static IEnumerable<ExpressionSyntax> Text(ExpressionSyntax e, int depth, bool literal)
        {
            if (depth > 8) yield break;
            switch (e)
            {
                case LiteralExpressionSyntax lit when lit.IsKind(SyntaxKind.StringLiteralExpression):
                    if (literal) yield return e;
                    yield break;
                case InterpolatedStringExpressionSyntax:
                    yield return e;
                    yield break;
                case BinaryExpressionSyntax bin when bin.IsKind(SyntaxKind.AddExpression):
                    // A concatenation has a string on one side (a number added to a number is no text).
                    if (Text(bin.Left, depth + 1, true).Any() || Text(bin.Right, depth + 1, true).Any()) yield return e;
                    yield break;
                case BinaryExpressionSyntax coalesce when coalesce.IsKind(SyntaxKind.CoalesceExpression):
                    foreach (var b in Text(coalesce.Left, depth + 1, literal).Concat(Text(coalesce.Right, depth + 1, literal))) yield return b;
                    yield break;
                case ParenthesizedExpressionSyntax p:
                    foreach (var b in Text(p.Expression, depth + 1, literal)) yield return b;
                    yield break;
                case ConditionalExpressionSyntax c:
                    // Words chosen at the call site ("a type" : "types") are words written there.
                    foreach (var b in Text(c.WhenTrue, depth + 1, true).Concat(Text(c.WhenFalse, depth + 1, true))) yield return b;
                    yield break;
                case InvocationExpressionSyntax call:
                {
                    var callee = call.Expression.ToString();
                    if (callee is "string.Format" or "String.Format" or "string.Concat" or "String.Concat" or "string.Join" or "String.Join")
                    {
                        yield return e;
                        yield break;
                    }
                    if (callee == "nameof") yield break;
                    // Text composed in place and handed through a call (ErrorText.Sentence($"..."), Messages.X("a" + b)).
                    if (call.ArgumentList.Arguments.Any(a => Text(a.Expression, depth + 1, false).Any()))
                    {
                        yield return e;
                        yield break;
                    }
                    // A helper of the same file that composes the text: the text is still built outside Messages.
                    if (call.Expression is IdentifierNameSyntax helper)
                    {
                        var declared = e.SyntaxTree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
                            .Where(m => m.Identifier.Text == helper.Identifier.Text && m.ReturnType.ToString().TrimEnd('?') == "string");
                        foreach (var m in declared)
                        {
                            var returned = m.ExpressionBody != null ? new[] { m.ExpressionBody.Expression }
                                : m.Body?.DescendantNodes().OfType<ReturnStatementSyntax>().Where(r => r.Expression != null).Select(r => r.Expression!) ?? Enumerable.Empty<ExpressionSyntax>();
                            if (returned.Any(r => Text(r, depth + 1, true).Any())) { yield return e; yield break; }
                        }
                    }
                    yield break;
                }
                case IdentifierNameSyntax local:
                {
                    var member = e.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax || a is AccessorDeclarationSyntax || a is LocalFunctionStatementSyntax
                        || a is PropertyDeclarationSyntax || a is ClassDeclarationSyntax);
                    if (member == null) yield break;
                    var name = local.Identifier.Text;
                    // A parameter of a helper in the same file (throw Invalid("...")): the text its callers pass.
                    if (member is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax)
                    {
                        var parameters = member is BaseMethodDeclarationSyntax bm ? bm.ParameterList.Parameters : ((LocalFunctionStatementSyntax)member).ParameterList.Parameters;
                        var index = parameters.IndexOf(p => p.Identifier.Text == name);
                        var helper = member is MethodDeclarationSyntax md ? md.Identifier.Text : member is LocalFunctionStatementSyntax lf ? lf.Identifier.Text : null;
                        if (index >= 0 && helper != null)
                        {
                            var passed = e.SyntaxTree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
                                .Where(c => (c.Expression is IdentifierNameSyntax n && n.Identifier.Text == helper)
                                    || (c.Expression is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } t && t.Name.Identifier.Text == helper))
                                .Select(c => c.ArgumentList.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.Text == name)
                                    ?? (c.ArgumentList.Arguments.Count > index && c.ArgumentList.Arguments[index].NameColon == null ? c.ArgumentList.Arguments[index] : null))
                                .Where(a => a != null);
                            foreach (var a in passed)
                                foreach (var b in Text(a!.Expression, depth + 1, literal)) yield return b;
                            yield break;
                        }
                    }
                    var values = member.DescendantNodes().OfType<VariableDeclaratorSyntax>().Where(v => v.Identifier.Text == name && v.Initializer != null).Select(v => v.Initializer!.Value)
                        .Concat(member.DescendantNodes().OfType<AssignmentExpressionSyntax>().Where(a => a.Left is IdentifierNameSyntax l && l.Identifier.Text == name).Select(a => a.Right));
                    if (values.Any(v => Text(v, depth + 1, literal).Any())) yield return e;
                    yield break;
                }
            }
        }

        private static string Flat(SyntaxNode n)
        {
            var text = string.Join(" ", n.ToString().Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
            return text.Length > 160 ? text.Substring(0, 160) + "…" : text;
        }
    }
}
