package io.metacortex.host.code;

import static io.metacortex.host.code.CodeCategory.NATIVE_CODE;
import static io.metacortex.host.code.CodeCategory.REFLECTION;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Finds the forbidden references of one class file against {@link CodeRules}: calls and constructor calls, field
 * accesses, class literals and casts, method handles and the bootstrap arguments of {@code invokedynamic} (lambdas
 * and method references such as {@code System::exit}), its superclass and interfaces, native methods, and
 * reflective look-ups whose class and member are constants ({@code Class.forName("...")}, {@code
 * System.class.getMethod("exit", ...)}), traced through the method's data flow. Names computed at run time are
 * not followed.
 */
final class ClassCheck {

    private static final CodeRule NATIVE_METHOD =
            new CodeRule(NATIVE_CODE, "", List.of(), null, "native methods declared in the bundle");
    private static final CodeRule HOST_CLASS =
            new CodeRule(REFLECTION, "", List.of(), null, "host classes loaded by name");
    private static final Set<String> CLASS_BY_NAME = Set.of(
            "java/lang/Class.forName",
            "java/lang/ClassLoader.loadClass",
            "java/lang/invoke/MethodHandles$Lookup.findClass");
    private static final Set<String> MEMBER_LOOKUPS = Set.of(
            "java/lang/Class.getMethod",
            "java/lang/Class.getDeclaredMethod",
            "java/lang/Class.getField",
            "java/lang/Class.getDeclaredField",
            "java/lang/Class.getConstructor",
            "java/lang/Class.getDeclaredConstructor",
            "java/lang/invoke/MethodHandles$Lookup.findStatic",
            "java/lang/invoke/MethodHandles$Lookup.findVirtual",
            "java/lang/invoke/MethodHandles$Lookup.findSpecial",
            "java/lang/invoke/MethodHandles$Lookup.findConstructor",
            "java/lang/invoke/MethodHandles$Lookup.findGetter",
            "java/lang/invoke/MethodHandles$Lookup.findStaticGetter",
            "java/lang/invoke/MethodHandles$Lookup.findSetter",
            "java/lang/invoke/MethodHandles$Lookup.findStaticSetter",
            "java/lang/invoke/MethodHandles$Lookup.findVarHandle",
            "java/lang/invoke/MethodHandles$Lookup.findStaticVarHandle");

    private final String entry;
    private final ClassNode type;
    private final Set<CodeFinding> findings;

    private ClassCheck(String entry, ClassNode type, Set<CodeFinding> findings) {
        this.entry = entry;
        this.type = type;
        this.findings = findings;
    }

    /**
     * Adds the findings of the class file {@code bytes}, at {@code entry} in the bundle, to {@code findings}.
     *
     * @throws IllegalArgumentException (or another runtime exception of ASM's) when it is no readable class file
     */
    static void check(String entry, byte[] bytes, Set<CodeFinding> findings) {
        ClassNode type = new ClassNode();
        new ClassReader(bytes).accept(type, ClassReader.SKIP_FRAMES);
        new ClassCheck(entry, type, findings).check();
    }

    private void check() {
        if (type.superName != null) {
            CodeRules.forType(type.superName).ifPresent(rule -> add(null, "extends " + dotted(type.superName), rule));
        }
        for (String implemented : type.interfaces) {
            CodeRules.forType(implemented).ifPresent(rule -> add(null, "implements " + dotted(implemented), rule));
        }
        for (MethodNode method : type.methods) {
            String where = readable(method.name, method.desc);
            if ((method.access & Opcodes.ACC_NATIVE) != 0) {
                add(where, "a native method", NATIVE_METHOD);
            }
            Frame<SourceValue>[] frames = null;
            boolean analyzed = false;
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof MethodInsnNode call) {
                    CodeRules.forMember(call.owner, call.name, call.desc)
                            .ifPresent(rule -> add(where, describe(call.owner, call.name, call.desc), rule));
                    String key = call.owner + "." + call.name;
                    if (CLASS_BY_NAME.contains(key) || MEMBER_LOOKUPS.contains(key)) {
                        if (!analyzed) {
                            frames = analyze(method);
                            analyzed = true;
                        }
                        checkReflective(where, method, frames, call);
                    }
                } else if (insn instanceof FieldInsnNode field) {
                    CodeRules.forType(field.owner)
                            .ifPresent(rule -> add(where, dotted(field.owner) + "." + field.name, rule));
                } else if (insn instanceof TypeInsnNode typeInsn && insn.getOpcode() != Opcodes.NEW) {
                    // NEW is always followed by the constructor's call, which names the type already
                    CodeRules.forType(typeInsn.desc).ifPresent(rule -> add(where, dotted(typeInsn.desc), rule));
                } else if (insn instanceof MultiANewArrayInsnNode array) {
                    CodeRules.forType(Type.getType(array.desc).getElementType().getInternalName())
                            .ifPresent(rule -> add(where, array.desc, rule));
                } else if (insn instanceof LdcInsnNode ldc) {
                    checkConstant(where, ldc.cst);
                } else if (insn instanceof InvokeDynamicInsnNode dynamic) {
                    checkConstant(where, dynamic.bsm);
                    Arrays.stream(dynamic.bsmArgs).forEach(argument -> checkConstant(where, argument));
                }
            }
        }
    }

    /** Class literals, method handles and dynamic constants, as loaded by LDC or handed to a bootstrap method. */
    private void checkConstant(String where, Object constant) {
        if (constant instanceof Type literal && literal.getSort() == Type.OBJECT) {
            CodeRules.forType(literal.getInternalName())
                    .ifPresent(rule -> add(where, literal.getClassName() + ".class", rule));
        } else if (constant instanceof Type literal && literal.getSort() == Type.ARRAY) {
            checkConstant(where, literal.getElementType());
        } else if (constant instanceof Handle handle) {
            CodeRules.forMember(handle.getOwner(), handle.getName(), handle.getDesc())
                    .ifPresent(rule -> add(
                            where,
                            dotted(handle.getOwner()) + "::"
                                    + (handle.getName().equals("<init>") ? "new" : handle.getName())
                                    + " (method reference)",
                            rule));
        } else if (constant instanceof ConstantDynamic dynamic) {
            checkConstant(where, dynamic.getBootstrapMethod());
            for (int i = 0; i < dynamic.getBootstrapMethodArgumentCount(); i++) {
                checkConstant(where, dynamic.getBootstrapMethodArgument(i));
            }
        }
    }

    /** A class loaded by a constant name, or a member of a constant class looked up by a constant name. */
    private void checkReflective(String where, MethodNode method, Frame<SourceValue>[] frames, MethodInsnNode call) {
        if (frames == null) {
            return;
        }
        Frame<SourceValue> frame = frames[method.instructions.indexOf(call)];
        if (frame == null) {
            return;
        }
        Type[] arguments = Type.getArgumentTypes(call.desc);
        String key = call.owner + "." + call.name;
        if (CLASS_BY_NAME.contains(key)) {
            int nameAt = arguments.length > 0 && arguments[0].getClassName().equals("java.lang.Module") ? 1 : 0;
            constantString(argument(frame, arguments.length, nameAt))
                    .ifPresent(name -> checkClassByName(where, call, name));
            return;
        }
        boolean onClass = call.owner.equals("java/lang/Class");
        Optional<String> owner = onClass
                ? constantClass(method, frames, argument(frame, arguments.length, -1))
                : constantClass(method, frames, argument(frame, arguments.length, 0));
        boolean constructor = call.name.endsWith("Constructor");
        Optional<String> member = constructor
                ? Optional.of("<init>")
                : constantString(argument(frame, arguments.length, onClass ? 0 : 1));
        if (owner.isPresent() && member.isPresent()) {
            CodeRules.forMember(owner.get(), member.get(), null)
                    .filter(rule -> !rule.isWholeType())
                    .ifPresent(rule -> add(
                            where,
                            dotted(owner.get()) + "." + (constructor ? "<init>" : member.get())
                                    + " (looked up by reflection)",
                            rule));
        }
    }

    private void checkClassByName(String where, MethodInsnNode call, String name) {
        String shown = dotted(call.owner).replaceFirst(".*\\.", "") + "." + call.name + "(\"" + name + "\")";
        if (CodeRules.isHostClass(name)) {
            add(where, shown, HOST_CLASS);
        } else {
            CodeRules.forType(name.replace('.', '/')).ifPresent(rule -> add(where, shown, rule));
        }
    }

    /** @return the value of argument {@code index} (-1: the receiver) of a call taking {@code count} arguments */
    private static SourceValue argument(Frame<SourceValue> frame, int count, int index) {
        int at = frame.getStackSize() - count + index;
        return at < 0 ? null : frame.getStack(at);
    }

    private static Optional<String> constantString(SourceValue value) {
        if (value != null
                && value.insns.size() == 1
                && value.insns.iterator().next() instanceof LdcInsnNode ldc
                && ldc.cst instanceof String text) {
            return Optional.of(text);
        }
        return Optional.empty();
    }

    /** @return the internal name of a class pushed as a literal ({@code X.class}) or loaded by a constant name */
    private static Optional<String> constantClass(MethodNode method, Frame<SourceValue>[] frames, SourceValue value) {
        if (value == null || value.insns.size() != 1) {
            return Optional.empty();
        }
        AbstractInsnNode source = value.insns.iterator().next();
        if (source instanceof LdcInsnNode ldc && ldc.cst instanceof Type literal && literal.getSort() == Type.OBJECT) {
            return Optional.of(literal.getInternalName());
        }
        if (source instanceof MethodInsnNode call && CLASS_BY_NAME.contains(call.owner + "." + call.name)) {
            Frame<SourceValue> frame = frames[method.instructions.indexOf(call)];
            int count = Type.getArgumentTypes(call.desc).length;
            return frame == null
                    ? Optional.empty()
                    : constantString(argument(frame, count, 0)).map(name -> name.replace('.', '/'));
        }
        return Optional.empty();
    }

    /** @return the method's frames, or null when ASM cannot analyse it (its reflective look-ups are not followed) */
    private Frame<SourceValue>[] analyze(MethodNode method) {
        try {
            return new Analyzer<>(new SourceInterpreter()).analyze(type.name, method);
        } catch (AnalyzerException | RuntimeException e) {
            return null;
        }
    }

    private void add(String method, String call, CodeRule rule) {
        findings.add(CodeFinding.of(entry, dotted(type.name), method, call, rule));
    }

    private static String describe(String owner, String name, String descriptor) {
        String arguments = parameters(descriptor);
        return name.equals("<init>") ? "new " + dotted(owner) + arguments : dotted(owner) + "." + name + arguments;
    }

    private static String readable(String name, String descriptor) {
        return name + parameters(descriptor);
    }

    private static String parameters(String descriptor) {
        return Arrays.stream(Type.getArgumentTypes(descriptor))
                .map(Type::getClassName)
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private static String dotted(String internalName) {
        return internalName.startsWith("[")
                ? Type.getType(internalName).getClassName()
                : Type.getObjectType(internalName).getClassName();
    }
}
