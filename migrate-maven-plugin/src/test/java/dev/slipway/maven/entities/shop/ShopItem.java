package dev.slipway.maven.entities.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** A test entity: camel case names become snake case, its id comes from a sequence. */
@Entity
public class ShopItem {

    @Id
    @GeneratedValue
    Long id;

    String displayName;

    @ManyToOne
    ShopShelf shelf;
}
