package io.metacortex.host.code;

import java.util.List;

/**
 * One forbidden reference: a type (any use of it), a package (any use of its types and its sub-packages'), or
 * members of a type (methods or constructors by name, optionally only those whose descriptor starts with a given
 * prefix, e.g. the constructors taking a file name).
 *
 * @param category what the reference would let a plugin do
 * @param owner the type's or package's internal name, e.g. {@code java/lang/System} or {@code java/nio/file/}
 *     (a trailing slash: a package)
 * @param members method names (a trailing {@code *}: a prefix; {@code <init>}: constructors); empty: any use of the
 *     type
 * @param descriptorPrefix when set, only members whose descriptor starts with it
 * @param shown how the README and the findings name the rule, e.g. {@code java.lang.System.exit}
 */
record CodeRule(CodeCategory category, String owner, List<String> members, String descriptorPrefix, String shown) {

    boolean isPackage() {
        return owner.endsWith("/");
    }

    boolean isWholeType() {
        return members.isEmpty();
    }

    /** @return whether this rule forbids member {@code name} (with {@code descriptor}) of its owner */
    boolean forbidsMember(String name, String descriptor) {
        if (isWholeType()) {
            return true;
        }
        if (descriptorPrefix != null && (descriptor == null || !descriptor.startsWith(descriptorPrefix))) {
            return false;
        }
        for (String member : members) {
            if (member.endsWith("*")
                    ? name.startsWith(member.substring(0, member.length() - 1))
                    : member.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether this rule covers type {@code internalName} (its owner, or a type of its package) */
    boolean coversType(String internalName) {
        return isPackage() ? internalName.startsWith(owner) : internalName.equals(owner);
    }
}
