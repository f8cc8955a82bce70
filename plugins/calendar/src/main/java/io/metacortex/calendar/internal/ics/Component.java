package io.metacortex.calendar.internal.ics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A component ({@code BEGIN:NAME} ... {@code END:NAME}): its properties and sub-components, in the order read. Mutable,
 * so that an edit replaces the properties it knows and keeps the others.
 */
public final class Component {

    private final String name;
    private final int line;
    private final List<Property> properties = new ArrayList<>();
    private final List<Component> children = new ArrayList<>();

    public Component(String name) {
        this(name, 0);
    }

    Component(String name, int line) {
        this.name = name.toUpperCase(Locale.ROOT);
        this.line = line;
    }

    public String name() {
        return name;
    }

    /** @return the physical line of its BEGIN, 0 when built in code */
    public int line() {
        return line;
    }

    public List<Property> properties() {
        return properties;
    }

    public List<Component> children() {
        return children;
    }

    public Optional<Property> property(String propertyName) {
        String wanted = propertyName.toUpperCase(Locale.ROOT);
        return properties.stream().filter(p -> p.name().equals(wanted)).findFirst();
    }

    public List<Property> all(String propertyName) {
        String wanted = propertyName.toUpperCase(Locale.ROOT);
        return properties.stream().filter(p -> p.name().equals(wanted)).toList();
    }

    public List<Component> children(String componentName) {
        String wanted = componentName.toUpperCase(Locale.ROOT);
        return children.stream().filter(c -> c.name().equals(wanted)).toList();
    }

    /** Removes every property of this name. */
    public void remove(String propertyName) {
        String wanted = propertyName.toUpperCase(Locale.ROOT);
        properties.removeIf(p -> p.name().equals(wanted));
    }

    /** Replaces every property of this name with {@code property}, at the place of the first one (else at the end). */
    public void set(Property property) {
        int at = -1;
        for (int i = 0; i < properties.size(); i++) {
            if (properties.get(i).name().equals(property.name())) {
                at = i;
                break;
            }
        }
        remove(property.name());
        if (at < 0 || at > properties.size()) {
            properties.add(property);
        } else {
            properties.add(at, property);
        }
    }

    public void add(Property property) {
        properties.add(property);
    }

    /** @return a deep copy */
    public Component copy() {
        Component copy = new Component(name, line);
        copy.properties.addAll(properties);
        children.forEach(child -> copy.children.add(child.copy()));
        return copy;
    }
}
