package dev.slipway.migrate.autoconfigure;

import dev.slipway.migrate.AdoptMode;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Lets {@code slipway.adopt} be both a value and a group: {@code slipway.adopt=off} is short for
 * {@code slipway.adopt.mode=off}, and {@code slipway.adopt.flyway-table} may be set beside it.
 *
 * <p>Spring Boot's binder, finding a value at {@code slipway.adopt}, converts it to a {@link SlipwayProperties.Adopt}
 * and stops there: the properties below it would be silently dropped. So:
 * <ol>
 *   <li>As a converter, it turns the plain value into an {@code Adopt}: a String ({@code .properties}, environment
 *       variables, the command line) through {@link SlipwayProperties.Adopt#Adopt(String)}, and a Boolean, which is
 *       what YAML makes of an unquoted {@code slipway.adopt: off}, {@code false} meaning {@code off}.</li>
 *   <li>As a bind handler, once an {@code Adopt} is bound, it binds {@code flyway-table} and {@code mode} below the
 *       same name into it too: the table is kept, and a {@code mode} that disagrees with the shorthand ends the
 *       binding with a message naming both.</li>
 * </ol>
 * Registered as a {@code @ConfigurationPropertiesBinding} bean, so both apply to {@code slipway.*} as Spring Boot
 * binds it; a {@code Binder} used by hand still binds a String shorthand (step 1, through the constructor) but not
 * the properties beside it.
 */
final class AdoptPropertyBinding implements GenericConverter, ConfigurationPropertiesBindHandlerAdvisor {

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(
                new ConvertiblePair(String.class, SlipwayProperties.Adopt.class),
                new ConvertiblePair(Boolean.class, SlipwayProperties.Adopt.class));
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        return (source != null) ? new SlipwayProperties.Adopt(source.toString()) : null;
    }

    @Override
    public BindHandler apply(BindHandler bindHandler) {
        return new AbstractBindHandler(bindHandler) {

            @Override
            public Object onSuccess(
                    ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
                Object bound = super.onSuccess(name, target, context, result);
                if (bound instanceof SlipwayProperties.Adopt adopt) {
                    bindBeside(name, adopt, context.getBinder());
                }
                return bound;
            }
        };
    }

    /**
     * Binds the properties below {@code name} into {@code adopt}: harmless when {@code adopt} was bound from them
     * (they bind to the same values), and what keeps them when it was bound from a plain value.
     */
    private static void bindBeside(ConfigurationPropertyName name, SlipwayProperties.Adopt adopt, Binder binder) {
        binder.bind(name.append("flyway-table"), Bindable.of(String.class)).ifBound(adopt::setFlywayTable);
        binder.bind(name.append("mode"), Bindable.of(AdoptMode.class)).ifBound((mode) -> {
            if (mode != adopt.getMode()) {
                throw new IllegalStateException(name + "=" + adopt.getMode().id() + " and " + name.append("mode")
                        + "=" + mode.id() + " disagree: " + name + " is short for " + name.append("mode")
                        + ", so set only one of them");
            }
        });
    }
}
