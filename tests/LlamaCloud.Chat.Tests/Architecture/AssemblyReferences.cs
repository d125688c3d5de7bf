using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;

namespace LlamaCloud.Chat.Tests.Architecture
{
    /// <summary>
    /// Every reference one type of an assembly makes to another type of the same assembly, read from the built
    /// assembly: base types, interfaces, signatures, attributes, locals and each IL instruction's operand.
    /// </summary>
    internal static class AssemblyReferences
    {
        private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => o.Value);

        /// <summary>Pairs (from, to) of types of <paramref name="assembly"/>, with a description of where each was seen.</summary>
        internal static IEnumerable<(Type From, Type To, string Where)> Of(Assembly assembly)
        {
            foreach (var type in assembly.GetTypes())
            {
                var seen = new List<(Type, string)>();
                void Add(Type? t, string where)
                {
                    foreach (var part in Flatten(t)) if (part.Assembly == assembly) seen.Add((part, where));
                }
                Add(type.BaseType, "base type");
                foreach (var i in type.GetInterfaces()) Add(i, "interface");
                foreach (var a in type.CustomAttributes) Add(a.AttributeType, "attribute");
                foreach (var f in type.GetFields(All))
                {
                    Add(f.FieldType, "field " + f.Name);
                    foreach (var a in f.CustomAttributes) Add(a.AttributeType, "attribute of " + f.Name);
                }
                foreach (var p in type.GetProperties(All))
                {
                    Add(p.PropertyType, "property " + p.Name);
                    foreach (var a in p.CustomAttributes) Add(a.AttributeType, "attribute of " + p.Name);
                }
                foreach (var e in type.GetEvents(All)) Add(e.EventHandlerType, "event " + e.Name);
                foreach (var m in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
                {
                    if (m is MethodInfo mi) Add(mi.ReturnType, "return of " + m.Name);
                    foreach (var p in m.GetParameters()) Add(p.ParameterType, "parameter of " + m.Name);
                    foreach (var a in m.CustomAttributes) Add(a.AttributeType, "attribute of " + m.Name);
                    if (m.IsGenericMethodDefinition) foreach (var g in m.GetGenericArguments()) foreach (var c in g.GetGenericParameterConstraints()) Add(c, "constraint of " + m.Name);
                    var body = m.GetMethodBody();
                    if (body == null) continue;
                    foreach (var l in body.LocalVariables) Add(l.LocalType, "local of " + m.Name);
                    foreach (var t in InstructionOperands(m, body.GetILAsByteArray()!)) Add(t, "code of " + m.Name);
                }
                foreach (var (to, where) in seen)
                    if (to != type) yield return (type, to, where);
            }
        }

        private static IEnumerable<Type> Flatten(Type? t)
        {
            if (t == null || t.IsGenericParameter) yield break;
            if (t.HasElementType) { foreach (var e in Flatten(t.GetElementType())) yield return e; yield break; }
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                foreach (var e in Flatten(t.GetGenericTypeDefinition())) yield return e;
                foreach (var a in t.GetGenericArguments()) foreach (var e in Flatten(a)) yield return e;
                yield break;
            }
            yield return t;
        }

        private static IEnumerable<Type> InstructionOperands(MethodBase method, byte[] il)
        {
            var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
            var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
            var module = method.Module;
            var i = 0;
            while (i < il.Length)
            {
                short value = il[i++];
                if (value == 0xFE) value = (short)(0xFE00 | il[i++]);
                var op = OpCodesByValue[value];
                int size;
                switch (op.OperandType)
                {
                    case OperandType.InlineNone: size = 0; break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineVar: size = 1; break;
                    case OperandType.InlineVar: size = 2; break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR: size = 8; break;
                    case OperandType.InlineSwitch: size = 4 + 4 * BitConverter.ToInt32(il, i); break;
                    default: size = 4; break;
                }
                if (op.OperandType is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok)
                {
                    var token = BitConverter.ToInt32(il, i);
                    MemberInfo? member;
                    try { member = module.ResolveMember(token, typeArgs, methodArgs); }
                    catch (ArgumentException) { member = null; }
                    switch (member)
                    {
                        case Type t: yield return t; break;
                        case FieldInfo f:
                            if (f.DeclaringType != null) yield return f.DeclaringType;
                            yield return f.FieldType;
                            break;
                        case MethodBase m:
                            if (m.DeclaringType != null) yield return m.DeclaringType;
                            if (m is MethodInfo mi) { yield return mi.ReturnType; if (mi.IsGenericMethod) foreach (var g in mi.GetGenericArguments()) yield return g; }
                            foreach (var p in m.GetParameters()) yield return p.ParameterType;
                            break;
                    }
                }
                i += size;
            }
        }
    }
}
