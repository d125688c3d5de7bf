using System;
using System.IO;
using System.Reflection;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>
    /// A load context of its own for assemblies from one folder, made through reflection: this assembly targets
    /// netstandard2.0, which has no AssemblyLoadContext, and runs on .NET 8+ where one exists (PSResourceGet's
    /// AssemblyLoadContextProxy, and PowerShell's "resolving assembly dependency conflicts" pattern). Assemblies loaded
    /// here and their references resolve from that folder only, never to another module's copy in the default context;
    /// the one exception is this module's own assembly, handed back as it is loaded, so the types of the contract
    /// between the two (<see cref="ITableFileFormat"/>) are one and the same.
    /// </summary>
    internal sealed class AssemblyLoadContextProxy
    {
        private readonly object _context;
        private readonly MethodInfo _loadFromAssemblyPath;
        private readonly string _folder;
        private readonly Assembly _host;

        private AssemblyLoadContextProxy(Type alc, string name, string folder, Assembly host)
        {
            _folder = folder;
            _host = host;
            var ctor = alc.GetConstructor(new[] { typeof(string), typeof(bool) })
                ?? throw new MissingMethodException(alc.FullName, ".ctor(string, bool)");
            _loadFromAssemblyPath = alc.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) })
                ?? throw new MissingMethodException(alc.FullName, "LoadFromAssemblyPath");
            _context = ctor.Invoke(new object[] { name, false });
            // Resolving: asked when the context itself finds nothing, i.e. for every reference of the loaded assemblies
            // that is not part of .NET. The handler's parameter types are wider than the event's (object for the
            // context): delegate contravariance binds it without naming the type this assembly cannot see.
            var resolving = alc.GetEvent("Resolving") ?? throw new MissingMemberException(alc.FullName, "Resolving");
            var handler = Delegate.CreateDelegate(resolving.EventHandlerType!, this,
                typeof(AssemblyLoadContextProxy).GetMethod(nameof(Resolve), BindingFlags.NonPublic | BindingFlags.Instance)!);
            resolving.AddEventHandler(_context, handler);
        }

        /// <summary>The new context, or null on .NET Framework (which has no load contexts).</summary>
        internal static AssemblyLoadContextProxy? Create(string name, string folder, Assembly host)
        {
            var alc = typeof(object).Assembly.GetType("System.Runtime.Loader.AssemblyLoadContext");
            return alc == null ? null : new AssemblyLoadContextProxy(alc, name, folder, host);
        }

        /// <summary>The context's display name as the runtime reports it (tests check the writer lives there).</summary>
        internal string Name => _context.ToString() ?? string.Empty;

        internal Assembly LoadFromAssemblyPath(string path)
        {
            try
            {
                return (Assembly)_loadFromAssemblyPath.Invoke(_context, new object[] { path })!;
            }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                throw ex.InnerException;
            }
        }

        private Assembly? Resolve(object context, AssemblyName name)
        {
            if (string.Equals(name.Name, _host.GetName().Name, StringComparison.OrdinalIgnoreCase)) return _host;
            var path = Path.Combine(_folder, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
