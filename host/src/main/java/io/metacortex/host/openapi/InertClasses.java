package io.metacortex.host.openapi;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.Attribute;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.TypePath;

/**
 * Rewrites a plugin's class file into one with the same name, hierarchy, fields, method signatures and annotations but
 * no code of the plugin's: every method body throws, static initializers are dropped, and an enum gets a synthetic
 * initializer that only creates its constants by name (so that {@code Class.getEnumConstants()}, which swagger-core and
 * Jackson call to list an enum's values, works). Reflection over such classes, which is all an OpenAPI reader does,
 * therefore never runs the plugin's code, not even a static initializer.
 */
final class InertClasses {

    static final String NOT_RUN = "Not run: this class was loaded to describe its API only";
    private static final String JAX_RS_PATH = "Ljakarta/ws/rs/Path;";
    private static final String ENUM = "java/lang/Enum";
    private static final String ENUM_INIT = "(Ljava/lang/String;I)V";
    private static final String VALUES_FIELD = "$metacortex$values";

    private InertClasses() {}

    /** What a class file says about itself, read without defining it. */
    record Header(String name, boolean rootResource) {}

    /**
     * @return the class's binary name, and whether it is a concrete class annotated {@code @jakarta.ws.rs.Path}: a
     *     root resource, as Jersey would serve it
     */
    static Header header(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        boolean concrete = (reader.getAccess() & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT)) == 0;
        boolean[] path = {false};
        reader.accept(
                new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                        path[0] |= JAX_RS_PATH.equals(descriptor);
                        return null;
                    }
                },
                ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new Header(reader.getClassName().replace('/', '.'), concrete && path[0]);
    }

    /** @return the class file with no code of its own, as the class comment says */
    static byte[] inert(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        reader.accept(new Stripper(writer), ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }

    private static final class Stripper extends ClassVisitor {

        private String name;
        private boolean isEnum;
        private boolean hasEnumConstructor;
        private final List<String> constants = new ArrayList<>();

        Stripper(ClassVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visit(
                int version, int access, String name, String signature, String superName, String[] interfaces) {
            this.name = name;
            this.isEnum = (access & Opcodes.ACC_ENUM) != 0 && ENUM.equals(superName);
            // An enum whose constants have bodies is abstract; its constants are made of the enum itself here.
            int kept = isEnum ? access & ~Opcodes.ACC_ABSTRACT : access;
            super.visit(version, kept, name, signature, superName, interfaces);
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            if (isEnum && (access & Opcodes.ACC_ENUM) != 0) {
                constants.add(name);
            }
            return super.visitField(access, name, descriptor, signature, value);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String method, String descriptor, String signature, String[] exceptions) {
            if (method.equals("<clinit>")) {
                return null;
            }
            boolean bodiless = (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0;
            if (bodiless && !(isEnum && (access & Opcodes.ACC_ABSTRACT) != 0)) {
                return super.visitMethod(access, method, descriptor, signature, exceptions);
            }
            int concrete = access & ~Opcodes.ACC_ABSTRACT;
            MethodVisitor target = super.visitMethod(concrete, method, descriptor, signature, exceptions);
            Body body = Body.THROW;
            if (isEnum && method.equals("values") && descriptor.equals("()[L" + name + ";")) {
                body = Body.ENUM_VALUES;
            } else if (isEnum && method.equals("<init>") && descriptor.equals(ENUM_INIT)) {
                hasEnumConstructor = true;
                body = Body.ENUM_CONSTRUCTOR;
            }
            return new SignatureOnly(target, body, name);
        }

        @Override
        public void visitEnd() {
            if (isEnum) {
                addEnumInitializer();
            }
            super.visitEnd();
        }

        private void addEnumInitializer() {
            String type = "L" + name + ";";
            super.visitField(
                            Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC,
                            VALUES_FIELD,
                            "[" + type,
                            null,
                            null)
                    .visitEnd();
            if (!hasEnumConstructor) {
                MethodVisitor init =
                        super.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_SYNTHETIC, "<init>", ENUM_INIT, null, null);
                Body.ENUM_CONSTRUCTOR.emit(init, name);
                init.visitEnd();
            }
            MethodVisitor clinit = super.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
            clinit.visitCode();
            for (int i = 0; i < constants.size(); i++) {
                clinit.visitTypeInsn(Opcodes.NEW, name);
                clinit.visitInsn(Opcodes.DUP);
                clinit.visitLdcInsn(constants.get(i));
                clinit.visitLdcInsn(i);
                clinit.visitMethodInsn(Opcodes.INVOKESPECIAL, name, "<init>", ENUM_INIT, false);
                clinit.visitFieldInsn(Opcodes.PUTSTATIC, name, constants.get(i), type);
            }
            clinit.visitLdcInsn(constants.size());
            clinit.visitTypeInsn(Opcodes.ANEWARRAY, name);
            for (int i = 0; i < constants.size(); i++) {
                clinit.visitInsn(Opcodes.DUP);
                clinit.visitLdcInsn(i);
                clinit.visitFieldInsn(Opcodes.GETSTATIC, name, constants.get(i), type);
                clinit.visitInsn(Opcodes.AASTORE);
            }
            clinit.visitFieldInsn(Opcodes.PUTSTATIC, name, VALUES_FIELD, "[" + type);
            clinit.visitInsn(Opcodes.RETURN);
            clinit.visitMaxs(0, 0);
            clinit.visitEnd();
        }
    }

    /** The code a rewritten method gets instead of its own. */
    private enum Body {
        THROW {
            @Override
            void code(MethodVisitor mv, String owner) {
                mv.visitTypeInsn(Opcodes.NEW, "java/lang/IllegalStateException");
                mv.visitInsn(Opcodes.DUP);
                mv.visitLdcInsn(NOT_RUN);
                mv.visitMethodInsn(
                        Opcodes.INVOKESPECIAL,
                        "java/lang/IllegalStateException",
                        "<init>",
                        "(Ljava/lang/String;)V",
                        false);
                mv.visitInsn(Opcodes.ATHROW);
            }
        },
        /** {@code Enum(String name, int ordinal)} and nothing else. */
        ENUM_CONSTRUCTOR {
            @Override
            void code(MethodVisitor mv, String owner) {
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitVarInsn(Opcodes.ALOAD, 1);
                mv.visitVarInsn(Opcodes.ILOAD, 2);
                mv.visitMethodInsn(Opcodes.INVOKESPECIAL, ENUM, "<init>", ENUM_INIT, false);
                mv.visitInsn(Opcodes.RETURN);
            }
        },
        /** A copy of the constants the synthetic initializer made. */
        ENUM_VALUES {
            @Override
            void code(MethodVisitor mv, String owner) {
                String array = "[L" + owner + ";";
                mv.visitFieldInsn(Opcodes.GETSTATIC, owner, VALUES_FIELD, array);
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, array, "clone", "()Ljava/lang/Object;", false);
                mv.visitTypeInsn(Opcodes.CHECKCAST, array);
                mv.visitInsn(Opcodes.ARETURN);
            }
        };

        abstract void code(MethodVisitor mv, String owner);

        void emit(MethodVisitor mv, String owner) {
            mv.visitCode();
            code(mv, owner);
            mv.visitMaxs(0, 0);
        }
    }

    /**
     * Keeps what describes a method (its parameters' names and annotations, its own annotations, an annotation
     * element's default) and replaces its code.
     */
    private static final class SignatureOnly extends MethodVisitor {

        private final MethodVisitor target;
        private final Body body;
        private final String owner;

        SignatureOnly(MethodVisitor target, Body body, String owner) {
            super(Opcodes.ASM9);
            this.target = target;
            this.body = body;
            this.owner = owner;
        }

        @Override
        public void visitParameter(String name, int access) {
            target.visitParameter(name, access);
        }

        @Override
        public AnnotationVisitor visitAnnotationDefault() {
            return target.visitAnnotationDefault();
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return target.visitAnnotation(descriptor, visible);
        }

        @Override
        public AnnotationVisitor visitTypeAnnotation(
                int typeRef, TypePath typePath, String descriptor, boolean visible) {
            return target.visitTypeAnnotation(typeRef, typePath, descriptor, visible);
        }

        @Override
        public void visitAnnotableParameterCount(int parameterCount, boolean visible) {
            target.visitAnnotableParameterCount(parameterCount, visible);
        }

        @Override
        public AnnotationVisitor visitParameterAnnotation(int parameter, String descriptor, boolean visible) {
            return target.visitParameterAnnotation(parameter, descriptor, visible);
        }

        @Override
        public void visitAttribute(Attribute attribute) {
            target.visitAttribute(attribute);
        }

        @Override
        public void visitEnd() {
            body.emit(target, owner);
            target.visitEnd();
        }
    }
}
