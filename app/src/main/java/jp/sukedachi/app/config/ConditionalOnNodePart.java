package jp.sukedachi.app.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The bean exists only on a process whose {@link NodeRole} serves this part ({@code sukedachi.role}). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(ConditionalOnNodePart.OnNodePart.class)
public @interface ConditionalOnNodePart {
    NodeRole.Part value();

    /** Reads the role as {@link NodeSettings} does (a bad value fails there, with the sentence, not here). */
    class OnNodePart implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnNodePart.class.getName());
            NodeRole.Part part = (NodeRole.Part) attributes.get("value");
            NodeRole role;
            try {
                role = NodeRole.of(context.getEnvironment().getProperty(NodeRole.PROPERTY));
            } catch (IllegalArgumentException badValue) {
                return true; // the settings record stops the start with the sentence
            }
            return role.serves(part);
        }
    }
}
