using System.Reflection;
using System.Reflection.Emit;

namespace WorkOS.AspNetCore.Tests.Conventions;

/// <summary>
/// Which of an assembly's folders (the namespace segment after <c>WorkOS.AspNetCore.</c>) reference which, read
/// from the compiled assembly: base types, interfaces, fields, properties, method signatures, attributes and every type,
/// method and field token in the method bodies' IL (lambdas and async state machines included, as nested types).
/// </summary>
internal static class NamespaceReferences
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value);

    /// <summary>The folder a type belongs to: "Session" for <c>WorkOS.AspNetCore.Session.X</c>, "(root)" for
    /// <c>WorkOS.AspNetCore</c>, the namespace itself for the extension classes in framework namespaces.</summary>
    public static string FolderOf(Type type, string rootNamespace)
    {
        var ns = type.Namespace ?? string.Empty;
        if (ns == rootNamespace)
        {
            return "(root)";
        }
        if (ns.StartsWith(rootNamespace + ".", StringComparison.Ordinal))
        {
            var rest = ns[(rootNamespace.Length + 1)..];
            var dot = rest.IndexOf('.');
            return dot < 0 ? rest : rest[..dot];
        }
        return ns;
    }

    /// <summary>
    /// Edges folder → folder (no self edges) between the assembly's own types. Types the compiler emits outside the
    /// code's namespaces (no namespace, or <c>System.*</c> such as generated regexes) are left out.
    /// </summary>
    public static IReadOnlyDictionary<string, HashSet<string>> Edges(Assembly assembly, string rootNamespace)
    {
        var edges = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes().Where(IsWritten))
        {
            var from = FolderOf(type, rootNamespace);
            if (!edges.TryGetValue(from, out var targets))
            {
                edges[from] = targets = new HashSet<string>(StringComparer.Ordinal);
            }
            foreach (var referenced in ReferencedTypes(type))
            {
                if (referenced.Assembly != assembly || !IsWritten(referenced))
                {
                    continue;
                }
                var to = FolderOf(referenced, rootNamespace);
                if (to != from)
                {
                    targets.Add(to);
                }
            }
        }
        return edges;
    }

    private static bool IsWritten(Type type) =>
        !string.IsNullOrEmpty(type.Namespace) && !type.Namespace.StartsWith("System.", StringComparison.Ordinal);

    /// <summary>The strongly connected components of more than one folder: each is a namespace cycle.</summary>
    public static List<SortedSet<string>> Cycles(IReadOnlyDictionary<string, HashSet<string>> edges)
    {
        // Tarjan's algorithm.
        var index = 0;
        var indices = new Dictionary<string, int>();
        var lowLinks = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var components = new List<SortedSet<string>>();

        void Visit(string node)
        {
            indices[node] = lowLinks[node] = index++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in edges.TryGetValue(node, out var targets) ? targets : [])
            {
                if (!indices.ContainsKey(next))
                {
                    Visit(next);
                    lowLinks[node] = Math.Min(lowLinks[node], lowLinks[next]);
                }
                else if (onStack.Contains(next))
                {
                    lowLinks[node] = Math.Min(lowLinks[node], indices[next]);
                }
            }
            if (lowLinks[node] == indices[node])
            {
                var component = new SortedSet<string>(StringComparer.Ordinal);
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                if (component.Count > 1)
                {
                    components.Add(component);
                }
            }
        }

        foreach (var node in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!indices.ContainsKey(node))
            {
                Visit(node);
            }
        }
        return components;
    }

    private static IEnumerable<Type> ReferencedTypes(Type type)
    {
        var found = new HashSet<Type>();

        void Add(Type? t)
        {
            if (t is null || !found.Add(t))
            {
                return;
            }
            if (t.HasElementType)
            {
                Add(t.GetElementType());
            }
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                Add(t.GetGenericTypeDefinition());
                foreach (var argument in t.GetGenericArguments())
                {
                    Add(argument);
                }
            }
        }

        void AddAttributes(IEnumerable<CustomAttributeData> attributes)
        {
            foreach (var attribute in attributes)
            {
                Add(attribute.AttributeType);
            }
        }

        Add(type.BaseType);
        foreach (var implemented in type.GetInterfaces())
        {
            Add(implemented);
        }
        AddAttributes(type.CustomAttributes);
        foreach (var field in type.GetFields(Declared))
        {
            Add(field.FieldType);
            AddAttributes(field.CustomAttributes);
        }
        foreach (var property in type.GetProperties(Declared))
        {
            Add(property.PropertyType);
            AddAttributes(property.CustomAttributes);
        }
        foreach (var e in type.GetEvents(Declared))
        {
            Add(e.EventHandlerType);
        }
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            AddAttributes(method.CustomAttributes);
            if (method is MethodInfo info)
            {
                Add(info.ReturnType);
            }
            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType);
            }
            var body = method.GetMethodBody();
            if (body is null)
            {
                continue;
            }
            foreach (var local in body.LocalVariables)
            {
                Add(local.LocalType);
            }
            foreach (var referenced in BodyReferences(method, body))
            {
                Add(referenced);
            }
        }
        return found;
    }

    /// <summary>The declaring and operand types of every type, field and method token in a method body's IL.</summary>
    private static IEnumerable<Type> BodyReferences(MethodBase method, MethodBody body)
    {
        var il = body.GetILAsByteArray() ?? [];
        var module = method.Module;
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[position++]));
            }
            var code = OpCodesByValue[value];
            switch (code.OperandType)
            {
                case OperandType.InlineType:
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, position);
                    position += 4;
                    var member = module.ResolveMember(token, typeArguments, methodArguments);
                    switch (member)
                    {
                        case Type t:
                            yield return t;
                            break;
                        case FieldInfo f:
                            yield return f.DeclaringType!;
                            yield return f.FieldType;
                            break;
                        case MethodBase m:
                            if (m.DeclaringType is not null)
                            {
                                yield return m.DeclaringType;
                            }
                            if (m is MethodInfo { IsGenericMethod: true } generic)
                            {
                                foreach (var argument in generic.GetGenericArguments())
                                {
                                    yield return argument;
                                }
                            }
                            break;
                    }
                    break;
                case OperandType.InlineSwitch:
                    var count = BitConverter.ToInt32(il, position);
                    position += 4 + (4 * count);
                    break;
                default:
                    position += OperandSize(code.OperandType);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType operandType) => operandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };
}
